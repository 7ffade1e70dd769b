import { bootstrapService } from '@herald/service-kit';
import { templatingService } from './templating.definition';

void bootstrapService(templatingService);
