import type { ServiceDefinition } from '@herald/service-kit';
import { AppModule, TEMPLATING_DATABASE } from './app.module';
import { SERVICE_NAME, TemplatingConfig } from './templating.config';

export const templatingService: ServiceDefinition<TemplatingConfig> = {
  service: SERVICE_NAME,
  config: TemplatingConfig,
  database: TEMPLATING_DATABASE,
  module: (config) => AppModule.register(config),
};
