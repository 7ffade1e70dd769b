import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { ServiceDefinition } from '@herald/service-kit';
import { AppModule, dispatchDatabase } from './app.module';
import { DispatchConfig } from './dispatch.config';

const CALLBACK_BODY_LIMIT = '64kb';

/** Keeps the exact bytes of callback bodies on `req.rawBody`: carrier signatures cover them (JSON or form). */
function keepRawBodies(app: INestApplication): void {
  const adapter = app.getHttpAdapter();
  if (!(adapter instanceof ExpressAdapter))
    throw new Error('dispatch needs the Express HTTP adapter for raw callback bodies');
  adapter.useBodyParser('json', true, { limit: CALLBACK_BODY_LIMIT });
  adapter.useBodyParser('urlencoded', true, { limit: CALLBACK_BODY_LIMIT, extended: false });
}

export const dispatchService: ServiceDefinition<DispatchConfig> = {
  service: 'dispatch',
  config: DispatchConfig,
  module: (config, runtime) => AppModule.register(config, runtime),
  database: dispatchDatabase,
  configureApp: keepRawBodies,
};
