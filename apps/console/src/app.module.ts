import { Module, type DynamicModule } from '@nestjs/common';
import { createKafkaClient } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import { PiiCipher } from '@herald/pii';
import { Pool } from 'pg';
import { OperatorStore } from './auth/operator.store';
import { OperatorsController, SessionController } from './auth/session.controller';
import { SessionGuard } from './auth/session.guard';
import type { ConsoleConfig } from './console.config';
import { CONSOLE_CONFIG, CONSOLE_LOGGER } from './console.tokens';
import { DlqController } from './dlq/dlq.controller';
import { ConsoleKafka } from './health/console-kafka';
import { HealthController } from './health/health.controller';
import { HealthSampler } from './health/health.sampler';
import { RecipientTokens } from './http/recipient';
import { ServiceClient } from './http/service-client';
import { MessagesController } from './views/messages.controller';
import { OptOutsController } from './views/optouts.controller';
import { TemplatesController } from './views/templates.controller';

@Module({})
export class AppModule {
  static register(config: ConsoleConfig, logger: HeraldLogger, pool: Pool, store: OperatorStore): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        SessionController,
        OperatorsController,
        MessagesController,
        OptOutsController,
        TemplatesController,
        DlqController,
        HealthController,
      ],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        { provide: CONSOLE_LOGGER, useValue: logger },
        { provide: Pool, useValue: pool },
        { provide: OperatorStore, useValue: store },
        { provide: PiiCipher, useFactory: () => PiiCipher.fromSpec(config.piiEncryptionKeys) },
        {
          provide: ConsoleKafka,
          useFactory: () =>
            new ConsoleKafka(createKafkaClient({ service: 'herald-console', brokers: config.kafkaBrokers }, logger)),
        },
        SessionGuard,
        ServiceClient,
        RecipientTokens,
        HealthSampler,
      ],
    };
  }
}
