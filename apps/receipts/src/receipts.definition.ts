import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { ServiceDefinition } from '@herald/service-kit';
import { receiptsDatabase } from './adapters/receipts-database';
import { AppModule } from './app.module';
import { ReceiptsConfig } from './receipts.config';

const WEBHOOK_BODY_LIMIT = '64kb';

/** Keeps the exact bytes of JSON bodies on `req.rawBody`: carrier webhook signatures cover them. */
function keepRawBody(app: INestApplication): void {
  const adapter = app.getHttpAdapter();
  if (!(adapter instanceof ExpressAdapter))
    throw new Error('receipts needs the Express HTTP adapter for raw webhook bodies');
  adapter.useBodyParser('json', true, { limit: WEBHOOK_BODY_LIMIT });
}

/** `service` is the consumer group; tests pass a unique one so they do not share offsets with a running stack. */
export function receiptsDefinition(service = 'receipts'): ServiceDefinition<ReceiptsConfig> {
  return {
    service,
    config: ReceiptsConfig,
    module: (config) => AppModule.register(config, service),
    database: receiptsDatabase,
    configureApp: keepRawBody,
  };
}

export const receiptsService = receiptsDefinition();
