import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { HERALD_LOGGER, MetricsRegistry } from '@herald/observability';
import type { PruneRule } from '@herald/persistence';
import { SERVICE_CONFIG } from '../bootstrap/service-config.token';
import { TableRetention, tableRetention } from './table-retention';

describe('tableRetention', () => {
  it("builds the service's rules from its config, starts pruning with the app and stops with it", async () => {
    const queries: string[] = [];
    // A table with no columns is "missing": the pruner looks it up and deletes nothing.
    const ds = { query: async (sql: string) => (queries.push(sql), []) };
    const config = {
      RETENTION_INTERVAL_MS: 10,
      RETENTION_BATCH_SIZE: 10,
      RETENTION_PAUSE_MS: 0,
      RETENTION_MAX_BATCHES: 1,
      KEEP_DAYS: 3,
    };
    const seen: number[] = [];
    const rules = (c: typeof config): PruneRule[] => {
      seen.push(c.KEEP_DAYS);
      return [{ table: 'ledger', ageColumn: 'created_at', retentionMs: c.KEEP_DAYS * 86_400_000 }];
    };

    @Module({
      providers: [
        { provide: DataSource, useValue: ds },
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: MetricsRegistry, useValue: new MetricsRegistry('retention-spec') },
        { provide: HERALD_LOGGER, useValue: { warn: () => undefined, info: () => undefined, error: () => undefined } },
        tableRetention(rules),
      ],
    })
    class RetentionSpecModule {}

    const app = await NestFactory.createApplicationContext(RetentionSpecModule, { logger: false });
    expect(seen).toEqual([3]);
    expect(app.get(TableRetention)).toBeInstanceOf(TableRetention);
    const deadline = Date.now() + 5000;
    while (queries.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(queries.some((q) => q.includes('information_schema') || q.includes('ledger'))).toBe(true);

    await app.close();
    const after = queries.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(queries.length).toBe(after);
  });
});
