import { DynamicModule, Module } from '@nestjs/common';
import { KafkaModule } from '@herald/kafka';
import { PersistenceModule, type DatabaseSpec } from '@herald/persistence';
import { PiiCipher } from '@herald/pii';
import { BEARER_KEYS, BRANDS, BearerKeyGuard, kafkaOptionsFromConfig, loadBrands } from '@herald/service-kit';
import { TemplateCache } from './adapters/template-cache';
import { TemplateChangeListener } from './adapters/template-change.listener';
import { TemplateRepository } from './adapters/template.repository';
import { TemplateEngine } from './domain/template-engine';
import { SmsRequestedHandler } from './handlers/sms-requested.handler';
import { SmsRenderer } from './application/sms-renderer.service';
import { adminToken } from './http/admin-token';
import { TemplateAdminService } from './http/template-admin.service';
import { TemplateKeysController } from './http/template-keys.controller';
import { TemplatesController } from './http/templates.controller';
import { CreateTemplates1732300000000 } from './migrations/1732300000000-create-templates';
import { SeedTemplates1732300000001 } from './migrations/1732300000001-seed-templates';
import { SeededVariableLimits1767600000000 } from './migrations/1767600000000-seeded-variable-limits';
import { TemplateActors1767700000000 } from './migrations/1767700000000-template-actors';
import { TEMPLATING, type TemplatingConfig } from './templating.config';
import { TemplatingMetrics } from './templating.metrics';

export const TEMPLATING_DATABASE: DatabaseSpec = {
  schema: 'templating',
  entities: [],
  migrations: [
    CreateTemplates1732300000000,
    SeedTemplates1732300000001,
    SeededVariableLimits1767600000000,
    TemplateActors1767700000000,
  ],
  poolSize: 5,
};

@Module({})
export class AppModule {
  static register(config: TemplatingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forRoot(kafkaOptionsFromConfig(TEMPLATING, config)),
        PersistenceModule.forRoot(config.DATABASE_URL, TEMPLATING_DATABASE, config.DB_MIGRATE_ON_START),
      ],
      controllers: [TemplatesController, TemplateKeysController],
      providers: [
        { provide: BEARER_KEYS, useValue: adminToken(config) },
        { provide: BRANDS, useFactory: () => loadBrands(config.HERALD_BRANDS_FILE) },
        { provide: PiiCipher, useFactory: () => PiiCipher.fromSpec(config.PII_ENCRYPTION_KEYS) },
        { provide: TemplateEngine, useFactory: () => new TemplateEngine() },
        TemplatingMetrics,
        TemplateRepository,
        TemplateChangeListener,
        TemplateCache,
        SmsRenderer,
        SmsRequestedHandler,
        BearerKeyGuard,
        TemplateAdminService,
      ],
    };
  }
}
