import { DynamicModule, Module } from '@nestjs/common';
import { KafkaModule } from '@herald/kafka';
import { MetricsRegistry } from '@herald/observability';
import { PersistenceModule, type DatabaseSpec } from '@herald/persistence';
import { kafkaOptionsFromConfig, tableRetention, type ServiceRuntime } from '@herald/service-kit';
import { dispatchPruneRules } from './adapters/dispatch-retention';
import { SendLedgerRepository } from './adapters/send-ledger.repository';
import type { DispatchConfig } from './dispatch.config';
import { DispatchMetrics } from './dispatch.metrics';
import { DispatchRuntime } from './dispatch.runtime';
import { SmsApprovedHandler } from './handlers/sms-approved.handler';
import { CarrierWebhookController } from './http/carrier-webhook.controller';
import { CreateSendLedger1732300000000 } from './migrations/1732300000000-create-send-ledger';
import { ClaimedState1733400000000 } from './migrations/1733400000000-claimed-state';
import { ParkedState1767500000000 } from './migrations/1767500000000-parked-state';
import { RetentionIndexes1767400000000 } from './migrations/1767400000000-retention-indexes';
import { StatusOutbox1767600000000 } from './migrations/1767600000000-status-outbox';
import { Reroute1767700000000 } from './migrations/1767700000000-reroute';
import { ProcessLiveness1767800000000 } from './migrations/1767800000000-process-liveness';
import { ProcessRegistry } from './adapters/process-registry.repository';

export const dispatchDatabase: DatabaseSpec = {
  schema: 'dispatch',
  entities: [],
  migrations: [
    CreateSendLedger1732300000000,
    ClaimedState1733400000000,
    RetentionIndexes1767400000000,
    ParkedState1767500000000,
    StatusOutbox1767600000000,
    Reroute1767700000000,
    ProcessLiveness1767800000000,
  ],
};

@Module({})
export class AppModule {
  static register(config: DispatchConfig, runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forRoot(kafkaOptionsFromConfig(runtime.metrics.service, config)),
        PersistenceModule.forRoot(config.DATABASE_URL, dispatchDatabase, config.DB_MIGRATE_ON_START),
      ],
      controllers: [CarrierWebhookController],
      providers: [
        {
          provide: DispatchMetrics,
          useFactory: (m: MetricsRegistry) => new DispatchMetrics(m),
          inject: [MetricsRegistry],
        },
        SendLedgerRepository,
        ProcessRegistry,
        DispatchRuntime,
        SmsApprovedHandler,
        tableRetention(dispatchPruneRules),
      ],
    };
  }
}
