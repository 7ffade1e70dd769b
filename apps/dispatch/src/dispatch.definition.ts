import type { ServiceDefinition } from '@herald/service-kit';
import { AppModule, dispatchDatabase } from './app.module';
import { DispatchConfig } from './dispatch.config';

export const dispatchService: ServiceDefinition<DispatchConfig> = {
  service: 'dispatch',
  config: DispatchConfig,
  module: (config, runtime) => AppModule.register(config, runtime),
  database: dispatchDatabase,
};
