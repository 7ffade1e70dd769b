import 'reflect-metadata';
import { DynamicModule, Global, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import {
  HealthRegistry,
  ManagementServer,
  MetricsRegistry,
  NestPinoLogger,
  ObservabilityModule,
  createLogger,
  startTracing,
  type HeraldLogger,
  type TracingHandle,
} from '@herald/observability';
import { createDataSource, runMigrations, type DatabaseSpec } from '@herald/persistence';
import type { BaseServiceConfig } from '../config/base-service.config';
import { loadConfig } from '../config/load-config';
import { CLOCK, systemClock } from '../clock/clock';
import { ApiErrorFilter } from '../http/api-error.filter';
import { SERVICE_CONFIG, SERVICE_NAME } from './service-config.token';
import { installShutdownDeadline } from './shutdown-deadline';

export interface ServiceRuntime {
  logger: HeraldLogger;
  metrics: MetricsRegistry;
  health: HealthRegistry;
  /** The process's trace SDK; absent when tracing is off (no OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: TracingHandle;
}

export interface ServiceDefinition<C extends BaseServiceConfig> {
  /** Also the Kafka consumer group id and the metric prefix. */
  service: string;
  config: new () => C;
  module: (config: C, runtime: ServiceRuntime) => DynamicModule;
  database?: DatabaseSpec;
  configureApp?: (app: INestApplication, config: C) => void;
}

/**
 * The one way a Herald service starts: validated config, masked JSON logs, /health and /metrics on
 * their own port (MGMT_PORT), graceful shutdown with a deadline. `main.js migrate` applies the service's migrations and exits.
 * Any start-up failure is one line naming the key or endpoint, then exit code 1.
 */
export async function bootstrapService<C extends BaseServiceConfig>(
  def: ServiceDefinition<C>,
): Promise<INestApplication | undefined> {
  let logger: HeraldLogger | undefined;
  try {
    const config = loadConfig(def.config);
    logger = createLogger(def.service, config.LOG_LEVEL);
    if (process.argv.includes('migrate')) {
      await migrateOnly(def, config, logger);
      return undefined;
    }
    installShutdownDeadline(config.SHUTDOWN_TIMEOUT_MS, logger);
    // Before the app is built, so the instrumented modules (pg) are hooked when they load.
    const tracing = await startTracing(def.service, logger);
    const app = await createServiceApp(def, config, logger, tracing);
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    return app;
  } catch (e) {
    const line = `${def.service} failed to start: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    process.stderr.write(`${line}\n`);
    logger?.flush();
    process.exit(1);
  }
}

/** Builds, initializes and starts listening; used by bootstrapService and by in-process tests. */
export async function createServiceApp<C extends BaseServiceConfig>(
  def: ServiceDefinition<C>,
  config: C = loadConfig(def.config),
  logger: HeraldLogger = createLogger(def.service, config.LOG_LEVEL),
  tracing?: TracingHandle,
): Promise<INestApplication> {
  const metrics = new MetricsRegistry(def.service);
  const runtime: ServiceRuntime = { logger, metrics, health: new HealthRegistry(), tracing };
  const app = await NestFactory.create(rootModule(def, config, runtime), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  def.configureApp?.(app, config);
  const mgmtHost = config.MGMT_HOST ?? config.HTTP_HOST;
  let mgmtPort: number;
  try {
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
    mgmtPort = (await app.get(ManagementServer).listen(config.MGMT_PORT, mgmtHost)).port;
  } catch (e) {
    await app.close().catch(() => undefined);
    throw e;
  }
  const address = app.getHttpServer().address() as { port: number };
  logger.info(
    { port: address.port, mgmtPort, event: 'service.ready' },
    `${def.service} ready on http://${config.HTTP_HOST}:${address.port} (health and metrics on http://${mgmtHost}:${mgmtPort})`,
  );
  return app;
}

/** Base URL of a started service's management listener (/health/live, /health/ready, /metrics). */
export function managementUrl(app: INestApplication): string {
  return app.get(ManagementServer).url;
}

function rootModule<C extends BaseServiceConfig>(
  def: ServiceDefinition<C>,
  config: C,
  runtime: ServiceRuntime,
): DynamicModule {
  @Global()
  @Module({})
  class ServiceConfigModule {}
  @Module({})
  class HeraldServiceRoot {}
  return {
    module: HeraldServiceRoot,
    // One error body for every service's HTTP API.
    providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }],
    imports: [
      {
        module: ServiceConfigModule,
        providers: [
          { provide: SERVICE_CONFIG, useValue: config },
          { provide: SERVICE_NAME, useValue: def.service },
          { provide: CLOCK, useValue: systemClock },
        ],
        exports: [SERVICE_CONFIG, SERVICE_NAME, CLOCK],
      },
      ObservabilityModule.forRoot(runtime),
      def.module(config, runtime),
    ],
  };
}

async function migrateOnly<C extends BaseServiceConfig>(
  def: ServiceDefinition<C>,
  config: C,
  logger: HeraldLogger,
): Promise<void> {
  if (!def.database) {
    logger.info(`${def.service} has no database`);
    return;
  }
  const ds = createDataSource(config.DATABASE_URL, def.database);
  const applied = await runMigrations(ds, config.DATABASE_URL);
  await ds.destroy();
  logger.info({ applied }, `${def.service}: ${applied.length} migration(s) applied`);
  logger.flush();
}
