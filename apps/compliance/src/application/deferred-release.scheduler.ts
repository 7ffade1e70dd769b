import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Publisher, RecordCollector } from '@herald/kafka';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { CLOCK, PeriodicTask, SERVICE_CONFIG, type Clock } from '@herald/service-kit';
import { ComplianceMetrics } from '../adapters/compliance-metrics';
import { DecideMessages } from './decide-messages';
import { DeferredMessageRepository } from '../adapters/deferred-message.repository';
import type { ComplianceConfig } from '../compliance.config';

/**
 * Releases deferred messages whose quiet hours are over. All state is in deferred_messages, so a
 * restart loses nothing and several instances share the work: each transaction locks a batch of
 * due rows (SKIP LOCKED), re-runs the checks except quiet hours, waits for the broker's ack, then
 * deletes the rows. A crash between ack and commit releases those messages again (at-least-once;
 * dispatch's send ledger drops the duplicate).
 */
@Injectable()
export class DeferredReleaseScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    private readonly ds: DataSource,
    private readonly decide: DecideMessages,
    private readonly deferred: DeferredMessageRepository,
    private readonly publisher: Publisher,
    private readonly metrics: ComplianceMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: ComplianceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {
    this.task = new PeriodicTask({
      everyMs: config.COMPLIANCE_SCHEDULER_INTERVAL_MS,
      run: (stopping) => this.releaseDue(stopping),
      onError: (e) => this.logger.warn({ err: e }, 'deferred release failed; retrying on the next tick'),
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** Releases every due message (batch after batch), then refreshes the queue gauge. */
  private async releaseDue(stopping: AbortSignal): Promise<void> {
    let released: number;
    do released = await this.releaseBatch();
    while (!stopping.aborted && released === this.config.COMPLIANCE_SCHEDULER_BATCH_SIZE);
    this.metrics.depth(await this.deferred.depth(this.ds));
  }

  private releaseBatch(): Promise<number> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const due = await this.deferred.claimDue(em, now, this.config.COMPLIANCE_SCHEDULER_BATCH_SIZE);
      if (due.length === 0) return 0;
      const sink = new RecordCollector(this.publisher);
      const { decisions } = await this.decide.run(
        em,
        due.map((d) => d.message),
        due.map((d) => d.parent),
        sink,
        { now, stage: 'release' },
      );
      await this.publisher.sendBatch(sink.records);
      await this.deferred.delete(
        em,
        due.map((d) => d.message.messageId),
      );
      decisions.forEach((d) => this.metrics.decided('release', d));
      this.logger.info({ released: due.length }, 'deferred messages released');
      return due.length;
    });
  }
}
