import type { ServiceDefinition } from '@herald/service-kit';
import { AppModule, TEMPLATING_DATABASE } from './app.module';
import { TEMPLATING, TemplatingConfig } from './templating.config';

export const templatingService: ServiceDefinition<TemplatingConfig> = {
  service: TEMPLATING,
  config: TemplatingConfig,
  database: TEMPLATING_DATABASE,
  module: (config) => AppModule.register(config),
};
