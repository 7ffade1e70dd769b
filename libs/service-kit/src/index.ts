export { BaseServiceConfig } from './lib/config/base-service.config';
export { RecipientTokenServiceConfig } from './lib/config/recipient-token.config';
export { loadConfig, ConfigError } from './lib/config/load-config';
export { bootstrapService, createServiceApp, managementUrl, type ServiceDefinition, type ServiceRuntime } from './lib/bootstrap/bootstrap-service';
export { SERVICE_CONFIG } from './lib/bootstrap/service-config.token';
export { kafkaOptionsFromConfig } from './lib/config/kafka-options-from-config';
export { BRANDS, loadBrands } from './lib/config/brands-file';
