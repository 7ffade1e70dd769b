import { bootstrapService } from '@herald/service-kit';
import { templatingService } from './templating.service';

void bootstrapService(templatingService);
