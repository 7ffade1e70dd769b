import { bootstrapService } from '@herald/service-kit';
import { eventIngestService } from './event-ingest.service';

void bootstrapService(eventIngestService);
