import { bootstrapService } from '@herald/service-kit';
import { receiptsService } from './receipts.definition';

void bootstrapService(receiptsService);
