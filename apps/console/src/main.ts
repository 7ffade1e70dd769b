import 'reflect-metadata';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '@herald/observability';
import { Pool } from 'pg';
import { AppModule } from './app.module';
import { OperatorStore } from './auth/operator.store';
import { isRole } from './auth/roles';
import { loadConsoleConfig } from './console.config';
import { ConsoleKafka } from './health/console-kafka';

// Built by Vite beside the compiled backend: dist/apps/console/web.
const WEB_DIR = path.resolve(__dirname, '../web');

async function main(): Promise<void> {
  const config = loadConsoleConfig(process.env, WEB_DIR);
  const logger = createLogger('console', config.logLevel);
  const pool = new Pool({ connectionString: config.databaseUrl, max: 5 });
  const store = new OperatorStore(pool);
  await store.migrate();
  const boot = config.bootstrapOperator;
  if (boot) {
    if (!isRole(boot.role))
      throw new Error(`CONSOLE_BOOTSTRAP_OPERATOR: role must be viewer, operator or admin, got ${boot.role}`);
    await store.upsert(boot.name, boot.role, boot.password);
    logger.info({ operator: boot.name, role: boot.role }, 'bootstrap operator ready');
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger, pool, store), {
    logger: ['error', 'warn'],
  });
  app.disable('x-powered-by');
  app.useStaticAssets(config.webDir, { index: 'index.html' });
  await app.listen(config.port, '127.0.0.1');
  logger.info({ port: config.port }, `console listening on http://127.0.0.1:${config.port}`);
  const stop = async () => {
    await app.close();
    await app.get(ConsoleKafka).close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((e) => {
  process.stderr.write(`console failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
