import type { DataSource } from 'typeorm';
import { HealthRegistry, type HeraldLogger } from '@herald/observability';
import { PersistenceModule } from './persistence.module';

function moduleWith(autovacuum: string) {
  const warnings: string[] = [];
  const ds = {
    isInitialized: true,
    query: async (sql: string) => (sql === 'SHOW autovacuum' ? [{ autovacuum }] : [{}]),
  } as unknown as DataSource;
  const logger = { warn: (_o: unknown, msg: string) => warnings.push(msg) } as unknown as HeraldLogger;
  const mod = new PersistenceModule(
    ds,
    { url: 'postgres://x', spec: {} as never, migrateOnStart: false },
    new HealthRegistry(),
    logger,
  );
  return { mod, warnings };
}

describe('PersistenceModule start-up', () => {
  it('warns when PostgreSQL runs without autovacuum', async () => {
    const { mod, warnings } = moduleWith('off');
    await mod.onModuleInit();
    expect(warnings).toEqual([expect.stringContaining('autovacuum off')]);
  });

  it('says nothing when autovacuum is on', async () => {
    const { mod, warnings } = moduleWith('on');
    await mod.onModuleInit();
    expect(warnings).toEqual([]);
  });
});
