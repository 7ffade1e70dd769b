import { bootstrapService } from '@herald/service-kit';
import { dispatchService } from './dispatch.service';

void bootstrapService(dispatchService);
