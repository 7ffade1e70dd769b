import { bootstrapService } from '@herald/service-kit';
import { eventIngestService } from './event-ingest.definition';

void bootstrapService(eventIngestService);
