import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HeraldError } from '@herald/contracts';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { DataSource } from 'typeorm';
import { inTransaction } from '../adapters/db-transaction';
import { tryLockMessages, tryLockRows } from '../adapters/advisory-locks';
import { MessageRepository } from '../adapters/message.repository';
import { PendingDlrRepository } from '../adapters/pending-dlr.repository';
import { CLOCK, PeriodicTask, type Clock } from '@herald/service-kit';
import { applyTimeout } from '../domain/message-state.machine';
import { SWEEP_SOURCE } from '../domain/receipt-outbox';
import { LockSpace, lockKeys } from '../adapters/advisory-locks';
import { RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { BatchChanges } from './batch-changes';
import { UnmatchedDlrPublisher } from './unmatched-dlr.publisher';
import { ReceiptEmitter } from './receipt-emitter';
import { ReceiptsMetrics } from './receipts.metrics';

// Bounded like the handlers' chunks: up to two try-locks per row.
const SWEEP_BATCH = 250;

/**
 * Every RECEIPTS_SWEEP_INTERVAL_MS: held DLRs past their TTL go to the DLQ as UNKNOWN_MESSAGE,
 * live messages past their deadline become `unknown` (their receipts produced after the commit).
 * Rows another replica or a handler holds are skipped (try-locks) and picked up next round.
 */
@Injectable()
export class ReceiptsSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    private readonly ds: DataSource,
    private readonly messages: MessageRepository,
    private readonly pending: PendingDlrRepository,
    private readonly emitter: ReceiptEmitter,
    private readonly unmatched: UnmatchedDlrPublisher,
    private readonly metrics: ReceiptsMetrics,
    @Inject(RECEIPTS_OPTIONS) private readonly options: ReceiptsOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {
    this.task = new PeriodicTask({
      everyMs: options.sweepIntervalMs,
      run: () => this.sweep(),
      onError: (e) =>
        this.logger.warn(
          { err: e, errorCode: (e as HeraldError).code },
          'receipts sweep failed, retrying next interval',
        ),
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Stops before the producer and the database pool close, letting a running sweep finish. */
  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  private async sweep(): Promise<void> {
    const now = this.clock.now();
    // A full batch means more may be due; rows locked elsewhere are not counted, so this ends.
    for (let done = SWEEP_BATCH; done === SWEEP_BATCH;) done = await this.expirePending(now);
    for (let done = SWEEP_BATCH; done === SWEEP_BATCH;) done = await this.timeOut(now);
    // Also what a crash left between a timeout's commit and its produce on an earlier run.
    for (let done = SWEEP_BATCH; done === SWEEP_BATCH;) done = await this.flushOutbox();
    this.metrics.pendingDlrs.set(await this.pending.count(this.ds.manager));
  }

  private expirePending(now: Date): Promise<number> {
    return inTransaction(this.ds, async (em) => {
      const candidates = await this.pending.expiredCandidates(em, now, SWEEP_BATCH);
      const rows = await this.pending.loadExpired(em, await tryLockRows(em, candidates), now);
      await this.unmatched.publish(rows, now);
      await this.pending.delete(
        em,
        rows.map((r) => r.id!),
      );
      return rows.length;
    });
  }

  private timeOut(now: Date): Promise<number> {
    return inTransaction(this.ds, async (em) => {
      const candidates = await this.messages.overdue(em, now, SWEEP_BATCH);
      const loaded = await this.messages.find(em, await tryLockMessages(em, candidates));
      const changes = new BatchChanges(loaded, {
        produced: this.emitter.isProduced,
        policy: this.options.publish,
        now: now.toISOString(),
      });
      for (const { record } of loaded.values()) {
        if (record.deadlineAt !== undefined && Date.parse(record.deadlineAt) <= now.getTime()) {
          changes.add(applyTimeout(record, { kind: 'timeout', at: now.toISOString() }), SWEEP_SOURCE);
        }
      }
      await this.messages.upsert(em, changes.changedRows());
      return changes.timeline.length;
    });
  }

  /**
   * Timeout receipts have no input record to be consumed again, so they stay in their row's outbox
   * until produced: produce (same CloudEvent ids on a retry), then drop them under the message lock.
   */
  private async flushOutbox(): Promise<number> {
    const rows = await this.messages.withSweepOutbox(this.ds.manager, SWEEP_BATCH);
    const entries = rows.flatMap((r) =>
      r.outbox.filter((e) => e.src === SWEEP_SOURCE).map((entry) => ({ messageId: r.record.messageId, entry })),
    );
    // An entry without a receipt (not written by this code) is dropped rather than stalling the sweep.
    await this.emitter.emit(
      entries
        .filter(({ entry }) => entry.receipt !== undefined)
        .map(({ entry }) => ({ entry, cause: 'timeout' as const })),
    );
    await inTransaction(this.ds, async (em) => {
      await lockKeys(
        em,
        LockSpace.message,
        rows.map((r) => r.record.messageId),
      );
      await this.messages.dropFromOutbox(
        em,
        entries.map(({ messageId, entry }) => ({ messageId, receiptId: entry.id })),
      );
    });
    return rows.length;
  }
}
