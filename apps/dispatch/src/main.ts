import { bootstrapService } from '@herald/service-kit';
import { dispatchService } from './dispatch.definition';

void bootstrapService(dispatchService);
