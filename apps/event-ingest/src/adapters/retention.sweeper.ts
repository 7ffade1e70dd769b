import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { SERVICE_CONFIG } from '@herald/service-kit';
import type { EventIngestConfig } from '../event-ingest.config';
import { IdempotencyRepository } from './idempotency.repository';
import { ProcessedEventsRepository } from './processed-events.repository';

const SWEEP_EVERY_MS = 10 * 60 * 1000;

/** Drops expired idempotency records and dedupe rows older than INGEST_DEDUPE_RETENTION_DAYS. */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly processed: ProcessedEventsRepository,
    private readonly idempotency: IdempotencyRepository,
    @Inject(SERVICE_CONFIG) private readonly config: EventIngestConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const events = await this.processed.prune(this.config.INGEST_DEDUPE_RETENTION_DAYS);
      const keys = await this.idempotency.pruneExpired();
      if (events + keys > 0) this.logger.info({ events, idempotencyKeys: keys }, 'retention sweep');
    } catch (e) {
      this.logger.warn({ err: e }, 'retention sweep failed; next one will retry');
    }
  }
}
