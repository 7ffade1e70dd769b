import { bootstrapService } from '@herald/service-kit';
import { complianceService } from './compliance.service';

void bootstrapService(complianceService);
