import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { CLOCK, PeriodicTask, SERVICE_CONFIG, type Clock } from '@herald/service-kit';
import { fetchTemplateKeys } from '../adapters/templating-keys.client';
import { TemplateKeyCatalog, type TemplateKeyAnswer } from '../domain/template-key-catalog';
import type { EventIngestConfig } from '../event-ingest.config';
import { IngestMetrics } from './ingest.metrics';

/** A template created moments ago is accepted once this much time has passed since the last read. */
export const MISS_REFRESH_MS = 1000;

type Reason = 'startup' | 'periodic' | 'miss';

/**
 * The template keys templating can render, read over its HTTP API (templating owns its table;
 * no service reads another's), refreshed every INGEST_TEMPLATE_KEYS_REFRESH_MS and on a miss.
 * INGEST_REFUSE_UNKNOWN_TEMPLATES=false: no check. Templating unreachable: nothing is refused (fail open), and
 * an unknown key then fails later as before, UNKNOWN_TEMPLATE in sms.requested.v1's DLQ.
 */
@Injectable()
export class TemplateKeys implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly catalog = new TemplateKeyCatalog(MISS_REFRESH_MS);
  private inFlight?: Promise<void>;
  private readonly periodic: PeriodicTask;
  private reachable = true;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: EventIngestConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: IngestMetrics,
  ) {
    // read() logs and counts its own failures.
    this.periodic = new PeriodicTask({
      everyMs: config.INGEST_TEMPLATE_KEYS_REFRESH_MS,
      run: () => this.refresh('periodic'),
      onError: () => undefined,
    });
  }

  private get enabled(): boolean {
    return this.config.INGEST_REFUSE_UNKNOWN_TEMPLATES;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    // Not awaited: ingest starts (and answers `unchecked`) even while templating is still starting.
    void this.refresh('startup');
    this.periodic.start();
  }

  onModuleDestroy(): void {
    void this.periodic.stop();
  }

  async check(key: string): Promise<TemplateKeyAnswer> {
    if (!this.enabled) return 'unchecked';
    if (this.catalog.has(key)) return 'known';
    if (this.catalog.mayRefreshOnMiss(this.clock.now().getTime())) await this.refresh('miss');
    else await this.inFlight;
    return this.catalog.answer(key);
  }

  /** One read at a time: concurrent misses share it. */
  private refresh(reason: Reason): Promise<void> {
    this.inFlight ??= this.read(reason).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async read(reason: Reason): Promise<void> {
    this.catalog.attempt(this.clock.now().getTime());
    try {
      this.catalog.replace(await fetchTemplateKeys(this.config.TEMPLATING_URL));
      this.metrics.templateKeyReads.inc({ reason, result: 'ok' });
      if (!this.reachable) this.logger.info({ keys: this.catalog.size }, 'template keys read from templating again');
      this.reachable = true;
    } catch (e) {
      this.catalog.failed();
      this.metrics.templateKeyReads.inc({ reason, result: 'failed' });
      if (this.reachable)
        this.logger.warn(
          { err: e, url: this.config.TEMPLATING_URL },
          'cannot read template keys from templating: unknown templateKey values are not refused until it answers',
        );
      this.reachable = false;
    }
  }
}
