import type { Provider } from '@nestjs/common';
import type { BrandRegistry } from '@herald/contracts';
import type { EventIngestConfig } from '../event-ingest.config';
import { loadSourceRegistry } from './adapters/sources-file.loader';
import { ConsentRecorder } from './application/consent-recorder';
import { SourceMetrics } from './application/source-metrics';
import { SourceWebhookService } from './application/source-webhook.service';
import { SOURCE_REGISTRY, SOURCE_SECRETS } from './application/tokens';
import { parseSourceSecrets } from './domain/source-registry';
import { SourcesController } from './http/sources.controller';

export const sourcesControllers = [SourcesController];

/** The sources file and secrets are read here, at start: a bad file or secret list stops the service in one line. */
export function sourcesProviders(config: EventIngestConfig, brands: BrandRegistry): Provider[] {
  return [
    { provide: SOURCE_REGISTRY, useValue: loadSourceRegistry(config.INGEST_SOURCES_FILE, brands) },
    { provide: SOURCE_SECRETS, useValue: parseSourceSecrets(config.INGEST_SOURCE_SECRETS) },
    SourceMetrics,
    ConsentRecorder,
    SourceWebhookService,
  ];
}
