import { DynamicModule, Module } from '@nestjs/common';
import { KafkaModule } from '@herald/kafka';
import { PersistenceModule } from '@herald/persistence';
import { BEARER_KEYS, BearerKeyGuard, kafkaOptionsFromConfig, tableRetention } from '@herald/service-kit';
import { MessageRepository } from './adapters/message.repository';
import { PendingDlrRepository } from './adapters/pending-dlr.repository';
import { receiptsDatabase } from './adapters/receipts-database';
import { receiptsPruneRules } from './adapters/receipts-retention';
import { TimelineRepository } from './adapters/timeline.repository';
import { CarrierInboundHandler } from './handlers/carrier-inbound.handler';
import { CarrierReceiptHandler } from './handlers/carrier-receipt.handler';
import { SmsStatusHandler } from './handlers/sms-status.handler';
import { MessagesController } from './http/messages.controller';
import type { ReceiptsConfig } from './receipts.config';
import { RECEIPTS_OPTIONS, receiptsOptions, type ReceiptsOptions } from './receipts.options';
import { ReceiptEmitter } from './application/receipt-emitter';
import { ReceiptsSweeper } from './application/receipts-sweeper.service';
import { ReceiptsMetrics } from './application/receipts.metrics';
import { StateTransitionService } from './application/state-transition.service';
import { UnmatchedDlrPublisher } from './application/unmatched-dlr.publisher';

@Module({})
export class AppModule {
  static register(config: ReceiptsConfig, service: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forRoot(kafkaOptionsFromConfig(service, config, { lingerMs: config.RECEIPTS_FETCH_LINGER_MS })),
        PersistenceModule.forRoot(config.DATABASE_URL, receiptsDatabase, config.DB_MIGRATE_ON_START),
      ],
      controllers: [MessagesController],
      providers: [
        { provide: RECEIPTS_OPTIONS, useValue: receiptsOptions(config, service) },
        { provide: BEARER_KEYS, useFactory: (o: ReceiptsOptions) => o.apiKeys, inject: [RECEIPTS_OPTIONS] },
        MessageRepository,
        TimelineRepository,
        PendingDlrRepository,
        ReceiptsMetrics,
        ReceiptEmitter,
        UnmatchedDlrPublisher,
        StateTransitionService,
        ReceiptsSweeper,
        tableRetention(receiptsPruneRules),
        SmsStatusHandler,
        CarrierReceiptHandler,
        CarrierInboundHandler,
        BearerKeyGuard,
      ],
    };
  }
}
