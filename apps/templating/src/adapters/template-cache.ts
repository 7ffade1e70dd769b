import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { PeriodicTask, SERVICE_CONFIG } from '@herald/service-kit';
import type { CompiledTemplate, LocaleTemplates, TemplateLookup } from '../domain/render-message';
import type { TemplateVersion } from '../domain/template';
import type { CompiledBody } from '../domain/template-engine';
import { TemplateEngine } from '../domain/template-engine';
import { TemplatingConfig } from '../templating.config';
import { TemplatingMetrics } from '../templating.metrics';
import { TemplateChangeListener } from './template-change.listener';
import { TemplateRepository } from './template.repository';

const versionId = (t: TemplateVersion) => `${t.key}\u0000${t.locale}\u0000${t.version}`;

/**
 * Active templates in memory, by key then locale, parsed once per version. A key with no active
 * template is remembered as empty, so unknown keys do not hit PostgreSQL per record. Dropped on
 * LISTEN/NOTIFY (any replica's change) and fully reloaded every TEMPLATING_CACHE_REFRESH_MS.
 */
@Injectable()
export class TemplateCache implements OnApplicationBootstrap, OnModuleDestroy {
  private byKey = new Map<string, LocaleTemplates>();
  private compiled = new Map<string, CompiledBody>();
  // Bumped by every invalidation: a load that started before one must not store what it read.
  private generation = 0;
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly repository: TemplateRepository,
    private readonly engine: TemplateEngine,
    private readonly listener: TemplateChangeListener,
    private readonly metrics: TemplatingMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: TemplatingConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {
    this.periodic = new PeriodicTask({
      everyMs: config.TEMPLATING_CACHE_REFRESH_MS,
      run: () => this.reloadAll('periodic'),
      onError: (e) => this.logger.warn({ err: e }, 'periodic template reload failed'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start({
      changed: (key) => (key ? this.invalidate(key, 'notify') : this.invalidateAll('notify')),
      resynced: () => this.invalidateAll('resync'),
    });
    await this.reloadAll('startup');
    this.periodic.start();
  }

  onModuleDestroy(): void {
    void this.periodic.stop();
  }

  /** One lookup per record: keys not in memory are loaded in one query, then answered synchronously. */
  async lookupFor(keys: readonly string[]): Promise<TemplateLookup> {
    const missing = [...new Set(keys.filter((k) => !this.byKey.has(k)))];
    const hits = keys.filter((k) => this.byKey.has(k)).length;
    this.metrics.cacheHits.inc(hits);
    this.metrics.cacheMisses.inc(keys.length - hits);
    const snapshot = new Map<string, LocaleTemplates>();
    for (const key of new Set(keys)) {
      const cached = this.byKey.get(key);
      if (cached) snapshot.set(key, cached);
    }
    if (missing.length > 0) {
      const generation = this.generation;
      const loaded = this.group(await this.repository.activeFor(missing), missing);
      for (const [key, templates] of loaded) {
        snapshot.set(key, templates);
        if (generation === this.generation) this.byKey.set(key, templates);
      }
    }
    return (key) => snapshot.get(key);
  }

  invalidate(key: string, reason: string): void {
    this.generation++;
    this.byKey.delete(key);
    this.metrics.cacheReloads.inc({ reason });
  }

  invalidateAll(reason: string): void {
    this.generation++;
    this.byKey = new Map();
    this.metrics.cacheReloads.inc({ reason });
  }

  async reloadAll(reason: string): Promise<void> {
    const generation = this.generation;
    const rows = await this.repository.allActive();
    if (generation !== this.generation) return;
    const byKey = this.group(rows, []);
    const live = new Set(rows.map(versionId));
    for (const id of this.compiled.keys()) if (!live.has(id)) this.compiled.delete(id);
    this.byKey = byKey;
    this.metrics.cacheReloads.inc({ reason });
  }

  /** The parsed body of a version, parsed at most once while it stays in use. */
  compile(template: TemplateVersion): CompiledTemplate {
    const id = versionId(template);
    let compiled = this.compiled.get(id);
    if (!compiled) {
      compiled = this.engine.compileOrFailure(template.body);
      if (compiled.failure)
        this.logger.error(
          { key: template.key, locale: template.locale, version: template.version, reason: compiled.failure },
          'stored template does not compile',
        );
      this.compiled.set(id, compiled);
    }
    return { ...template, compiled };
  }

  private group(rows: TemplateVersion[], requested: readonly string[]): Map<string, LocaleTemplates> {
    const byKey = new Map<string, Map<string, CompiledTemplate>>(requested.map((k) => [k, new Map()]));
    for (const row of rows) {
      const locales = byKey.get(row.key) ?? byKey.set(row.key, new Map()).get(row.key)!;
      locales.set(row.locale, this.compile(row));
    }
    return byKey;
  }
}
