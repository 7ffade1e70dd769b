import { DynamicModule, Module } from '@nestjs/common';
import { isDomainTopic, type DomainTopicName } from '@herald/contracts';
import { KafkaModule } from '@herald/kafka';
import { PersistenceModule, type DatabaseSpec } from '@herald/persistence';
import { PiiCipher } from '@herald/pii';
import {
  BEARER_KEYS,
  BRANDS,
  BearerKeyGuard,
  kafkaOptionsFromConfig,
  tableRetention,
  loadBrands,
} from '@herald/service-kit';
import { ApiKeysRepository } from './adapters/api-keys.repository';
import { IdempotencyRepository } from './adapters/idempotency.repository';
import { ingestPruneRules } from './adapters/ingest-retention';
import { ProcessedEventsRepository } from './adapters/processed-events.repository';
import { loadNotificationRules } from './adapters/rules-file.loader';
import { parseApiKeySeeds } from './domain/api-key';
import { configuredTopics, type EventIngestConfig } from './event-ingest.config';
import { domainEventsHandlerFor } from './handlers/configured-domain-events.handler';
import { AdminApiKeysController } from './http/admin-api-keys.controller';
import { ingestApiKeys } from './http/api-key.guard';
import { DocsController } from './http/docs.controller';
import { EventsController } from './http/events.controller';
import { NotificationsController } from './http/notifications.controller';
import { ApiKeyAuthenticator } from './application/api-key-authenticator';
import { HttpIngestService } from './application/http-ingest.service';
import { IngestMetrics } from './application/ingest.metrics';
import { NotificationEmitter } from './application/notification-emitter';
import { NotificationPlanner } from './application/notification-planner.service';
import { TemplateKeys } from './application/template-keys.service';
import { sourcesControllers, sourcesProviders } from './sources/sources.providers';
import { API_KEY_SEEDS, NOTIFICATION_RULES } from './application/tokens';
import { EventIngestInit1735700000000 } from './migrations/1735700000000-event-ingest-init';
import { ApiKeyBrands1767300000000 } from './migrations/1767300000000-api-key-brands';
import { ApiKeyDailyQuota1796428800000 } from './migrations/1796428800000-api-key-daily-quota';

export const eventIngestDatabase: DatabaseSpec = {
  schema: 'event_ingest',
  entities: [],
  migrations: [EventIngestInit1735700000000, ApiKeyBrands1767300000000, ApiKeyDailyQuota1796428800000],
};

@Module({})
export class AppModule {
  /** Rules and key seeds are read here: a bad file or key list stops the start, in one line, before anything connects. */
  static register(config: EventIngestConfig, service: string): DynamicModule {
    const rules = loadNotificationRules(config.INGEST_RULES_FILE);
    const brands = loadBrands(config.HERALD_BRANDS_FILE);
    const seeds = parseApiKeySeeds(config.INGEST_API_KEYS, (id) => brands.has(id));
    const topics = configuredTopics(config).filter((t): t is DomainTopicName => isDomainTopic(t));
    return {
      module: AppModule,
      imports: [
        KafkaModule.forRoot(kafkaOptionsFromConfig(service, config, { consume: config.INGEST_CONSUME_ENABLED })),
        PersistenceModule.forRoot(config.DATABASE_URL, eventIngestDatabase, config.DB_MIGRATE_ON_START),
      ],
      controllers: [
        EventsController,
        NotificationsController,
        AdminApiKeysController,
        DocsController,
        ...sourcesControllers,
      ],
      providers: [
        { provide: NOTIFICATION_RULES, useValue: rules },
        { provide: API_KEY_SEEDS, useValue: seeds },
        { provide: BRANDS, useValue: brands },
        { provide: PiiCipher, useValue: PiiCipher.fromSpec(config.PII_ENCRYPTION_KEYS) },
        domainEventsHandlerFor(topics),
        IngestMetrics,
        NotificationPlanner,
        NotificationEmitter,
        ProcessedEventsRepository,
        ApiKeysRepository,
        IdempotencyRepository,
        ApiKeyAuthenticator,
        { provide: BEARER_KEYS, useFactory: ingestApiKeys, inject: [ApiKeyAuthenticator] },
        BearerKeyGuard,
        HttpIngestService,
        tableRetention(ingestPruneRules),
        TemplateKeys,
        ...sourcesProviders(config, brands),
      ],
    };
  }
}
