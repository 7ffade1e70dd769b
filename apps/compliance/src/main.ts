import { bootstrapService } from '@herald/service-kit';
import { complianceService } from './compliance.definition';

void bootstrapService(complianceService);
