import { bootstrapService } from '@herald/service-kit';
import { receiptsService } from './receipts.service';

void bootstrapService(receiptsService);
