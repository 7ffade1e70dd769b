import { DynamicModule, Module } from '@nestjs/common';
import { KafkaModule } from '@herald/kafka';
import { PersistenceModule, type DatabaseSpec } from '@herald/persistence';
import { PiiCipher } from '@herald/pii';
import { BEARER_KEYS, BearerKeyGuard, kafkaOptionsFromConfig, tableRetention } from '@herald/service-kit';
import { CapCounterRepository } from './adapters/cap-counter.repository';
import { ComplianceEngine } from './application/compliance-engine';
import { DecideMessages } from './application/decide-messages';
import { compliancePruneRules } from './adapters/compliance-retention';
import { PolicyStateReader } from './adapters/policy-state.reader';
import { ComplianceMetrics } from './adapters/compliance-metrics';
import { ConsentRepository } from './adapters/consent.repository';
import { DeferredMessageRepository } from './adapters/deferred-message.repository';
import { OptOutRepository } from './adapters/optout.repository';
import type { ComplianceConfig } from './compliance.config';
import { COMPLIANCE_RULES, PII_CIPHER } from './compliance.tokens';
import type { ComplianceRules } from './domain/rules/compliance-rules';
import { SmsOptoutsHandler } from './handlers/sms-optouts.handler';
import { SmsRenderedHandler } from './handlers/sms-rendered.handler';
import { adminTokens } from './http/admin-tokens';
import { ConsentAdmin } from './http/consent-admin.service';
import { ConsentsController } from './http/consents.controller';
import { OptOutAdmin } from './http/optout-admin.service';
import { OptOutsController } from './http/optouts.controller';
import { RecipientResolver } from './http/request-validation';
import { ComplianceSchema1767225600000 } from './migrations/1767225600000-compliance-schema';
import { VelocityCounters1796428800000 } from './migrations/1796428800000-velocity-counters';
import { DeferredReleaseScheduler } from './application/deferred-release.scheduler';

export const complianceDatabase: DatabaseSpec = {
  schema: 'compliance',
  entities: [],
  migrations: [ComplianceSchema1767225600000, VelocityCounters1796428800000],
};

@Module({})
export class AppModule {
  static register(config: ComplianceConfig, rules: ComplianceRules, service: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forRoot(kafkaOptionsFromConfig(service, config)),
        PersistenceModule.forRoot(config.DATABASE_URL, complianceDatabase, config.DB_MIGRATE_ON_START),
      ],
      controllers: [OptOutsController, ConsentsController],
      providers: [
        { provide: COMPLIANCE_RULES, useValue: rules },
        { provide: PII_CIPHER, useValue: PiiCipher.fromSpec(config.PII_ENCRYPTION_KEYS) },
        { provide: BEARER_KEYS, useValue: adminTokens(config) },
        OptOutRepository,
        ConsentRepository,
        CapCounterRepository,
        DeferredMessageRepository,
        PolicyStateReader,
        ComplianceEngine,
        DecideMessages,
        ComplianceMetrics,
        SmsRenderedHandler,
        SmsOptoutsHandler,
        DeferredReleaseScheduler,
        tableRetention(() => compliancePruneRules),
        BearerKeyGuard,
        RecipientResolver,
        OptOutAdmin,
        ConsentAdmin,
      ],
    };
  }
}
