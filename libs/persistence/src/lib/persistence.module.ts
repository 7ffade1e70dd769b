import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@herald/observability';
import { createDataSource, runMigrations, type DatabaseSpec } from './data-source';

export type { DatabaseSpec };
const OPTIONS = Symbol('PERSISTENCE_OPTIONS');

interface Options {
  url: string;
  spec: DatabaseSpec;
  migrateOnStart: boolean;
}

@Global()
@Module({})
export class PersistenceModule implements OnModuleInit, OnApplicationShutdown {
  static forRoot(url: string, spec: DatabaseSpec, migrateOnStart = true): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: OPTIONS, useValue: { url, spec, migrateOnStart } satisfies Options },
        { provide: DataSource, useFactory: () => createDataSource(url, spec) },
      ],
      exports: [DataSource],
    };
  }

  constructor(
    private readonly ds: DataSource,
    @Inject(OPTIONS) private readonly options: Options,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.options.migrateOnStart) await runMigrations(this.ds, this.options.url);
    else if (!this.ds.isInitialized) await this.ds.initialize();
    this.health.register({ name: 'database', check: async () => (await this.ds.query('SELECT 1')).length === 1 });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
