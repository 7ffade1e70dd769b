import type { ServiceDefinition } from '@herald/service-kit';
import { receiptsDatabase } from './adapters/receipts-database';
import { AppModule } from './app.module';
import { ReceiptsConfig } from './receipts.config';

/** `service` is the consumer group; tests pass a unique one so they do not share offsets with a running stack. */
export function receiptsDefinition(service = 'receipts'): ServiceDefinition<ReceiptsConfig> {
  return {
    service,
    config: ReceiptsConfig,
    module: (config) => AppModule.register(config, service),
    database: receiptsDatabase,
  };
}

export const receiptsService = receiptsDefinition();
