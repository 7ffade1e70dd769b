export { BaseServiceConfig } from './lib/config/base-service.config';
export { RecipientTokenServiceConfig } from './lib/config/recipient-token.config';
export { loadConfig, ConfigError } from './lib/config/load-config';
export {
  bootstrapService,
  createServiceApp,
  managementUrl,
  type ServiceDefinition,
  type ServiceRuntime,
} from './lib/bootstrap/bootstrap-service';
export { SERVICE_CONFIG, SERVICE_NAME } from './lib/bootstrap/service-config.token';
export { TableRetention, tableRetention } from './lib/retention/table-retention';
export { CLOCK, systemClock, type Clock } from './lib/clock/clock';
export { PeriodicTask, type PeriodicTaskOptions } from '@herald/periodic-task';
export { ApiError, badRequest, type ErrorBody, type FieldProblem } from './lib/http/api-error';
export { ApiErrorFilter } from './lib/http/api-error.filter';
export {
  BEARER_KEYS,
  BearerKeyGuard,
  RequireScope,
  type BearerKeys,
  type KeyHolder,
  type KeyedRequest,
} from './lib/http/bearer-key.guard';
export { StaticKeyRing } from './lib/http/static-key-ring';
export { kafkaOptionsFromConfig } from './lib/config/kafka-options-from-config';
export { BRANDS, loadBrands } from './lib/config/brands-file';
