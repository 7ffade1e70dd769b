import { Inject, Injectable } from '@nestjs/common';
import { isFinalState, type CarrierReceiptV1, type SmsStatusV1 } from '@herald/contracts';
import type { ConsumedMessage } from '@herald/kafka';
import { DataSource, type EntityManager } from 'typeorm';
import { carrierKey, lockAll } from '../adapters/advisory-locks';
import { inTransaction } from '../adapters/db-transaction';
import { MessageRepository } from '../adapters/message.repository';
import { PendingDlrRepository, type PendingDlr } from '../adapters/pending-dlr.repository';
import { CLOCK, type Clock } from '@herald/service-kit';
import { dlrEventKey, type StatusEvent } from '../domain/message-record';
import { acceptsDlr, applyDlr, applyStatus, type MachineOptions } from '../domain/message-state.machine';
import { recordSource } from '../domain/receipt-outbox';
import { RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { BatchChanges } from './batch-changes';
import { HeldDlrs } from './held-dlrs';
import { toDlrEvent } from './dlr-event.mapper';
import { ReceiptEmitter } from './receipt-emitter';
import { ReceiptsMetrics } from './receipts.metrics';
import { toStatusEvent } from './status-event.mapper';

interface CarrierPair {
  carrierId: string;
  carrierMessageId: string;
}

// Advisory locks live in PostgreSQL's shared lock table (max_locks_per_transaction x connections,
// 6,400 by default, shared by every service): a transaction takes at most two locks per record.
const CHUNK = 250;

/**
 * Applies a fetch in one transaction per CHUNK records, in order: lock (one statement), one read of
 * the message rows, the pure state machine in memory, one write of the changed rows (timeline
 * appended, new receipts in their outbox), commit, then produce. A retried batch re-applies
 * committed chunks as duplicates, which change nothing and produce only the receipts its own
 * records committed before (same CloudEvent ids).
 */
@Injectable()
export class StateTransitionService {
  private readonly machine: MachineOptions;

  constructor(
    private readonly ds: DataSource,
    private readonly messages: MessageRepository,
    private readonly pending: PendingDlrRepository,
    private readonly emitter: ReceiptEmitter,
    private readonly metrics: ReceiptsMetrics,
    @Inject(RECEIPTS_OPTIONS) private readonly options: ReceiptsOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.machine = { dlrTimeoutMs: options.dlrTimeoutMs };
  }

  async applyStatuses(batch: ReadonlyArray<ConsumedMessage<SmsStatusV1>>): Promise<void> {
    for (let i = 0; i < batch.length; i += CHUNK) await this.applyStatusChunk(batch.slice(i, i + CHUNK));
  }

  /** DLRs whose submit is recorded are applied; the others are held in pending_dlrs. */
  async applyReceipts(dlrs: ReadonlyArray<ConsumedMessage<CarrierReceiptV1>>): Promise<void> {
    for (let i = 0; i < dlrs.length; i += CHUNK) await this.applyReceiptChunk(dlrs.slice(i, i + CHUNK));
  }

  private async applyStatusChunk(batch: ReadonlyArray<ConsumedMessage<SmsStatusV1>>): Promise<void> {
    const events = batch.map((message) => ({ message, ev: toStatusEvent(message.payload) }));
    const submits = events.flatMap(({ ev }) => submitPairOf(ev));
    const ids = events.map(({ ev }) => ev.messageId);
    // Only a submit, an ambiguous send or a final state lets a held DLR through: other batches skip the lookup.
    const mayRelease = events.some(
      ({ ev }) => ev.status === 'submitted' || ev.status === 'ambiguous' || isFinalState(ev.status),
    );
    const changes = await inTransaction(this.ds, async (em) => {
      await lockAll(
        em,
        submits.map((p) => carrierKey(p.carrierId, p.carrierMessageId)),
        ids,
      );
      const changes = this.newChanges(await this.messages.find(em, ids));
      const held = new HeldDlrs(mayRelease ? await this.pending.findFor(em, submits, ids) : []);
      for (const { message, ev } of events) {
        const src = sourceOf(message);
        changes.replay(ev.messageId, src, message);
        changes.add(applyStatus(changes.current(ev.messageId), ev, this.machine), src, message);
        if (!acceptsDlr(changes.current(ev.messageId))) continue;
        for (const p of held.claimFor(ev)) {
          changes.add(applyDlr(changes.current(ev.messageId)!, toDlrEvent(p.payload), this.machine), src, message);
        }
      }
      await this.pending.delete(em, held.claimedIds());
      await this.write(em, changes);
      return changes;
    });
    await this.emitter.emit(changes.receipts);
  }

  /**
   * A DLR that carries its message id (dispatch fills it, and keys the record by it) needs no
   * carrier lookup; the others are found by the submit's carrier message id on the message rows.
   */
  private async applyReceiptChunk(dlrs: ReadonlyArray<ConsumedMessage<CarrierReceiptV1>>): Promise<void> {
    const unkeyed = dlrs
      .filter((d) => !d.payload.messageId)
      .map(({ payload: p }) => ({ carrierId: p.carrierId, carrierMessageId: p.carrierMessageId }));
    const changes = await inTransaction(this.ds, async (em) => {
      const byCarrier = await this.lookUpUnkeyed(em, unkeyed);
      const idOf = ({ payload: p }: ConsumedMessage<CarrierReceiptV1>) =>
        p.messageId?.toLowerCase() ?? byCarrier.get(carrierKey(p.carrierId, p.carrierMessageId));
      const ids = [...new Set(dlrs.map((d) => idOf(d)).filter((id): id is string => id !== undefined))];
      await lockAll(em, [], ids);
      const changes = this.newChanges(await this.messages.find(em, ids));
      const hold: PendingDlr[] = [];
      for (const message of dlrs) {
        const messageId = idOf(message);
        const record = messageId === undefined ? undefined : changes.current(messageId);
        if (!acceptsDlr(record)) {
          hold.push(this.toPending(message, messageId));
          continue;
        }
        const src = sourceOf(message);
        changes.replay(record.messageId, src, message);
        changes.add(applyDlr(record, toDlrEvent(message.payload), this.machine), src, message);
      }
      await this.pending.insert(em, hold);
      await this.write(em, changes);
      return changes;
    });
    await this.emitter.emit(changes.receipts);
  }

  /** Carrier locks first (as every transaction takes them), then the lookup under them. */
  private async lookUpUnkeyed(em: EntityManager, pairs: readonly CarrierPair[]): Promise<Map<string, string>> {
    if (pairs.length === 0) return new Map();
    await lockAll(
      em,
      pairs.map((p) => carrierKey(p.carrierId, p.carrierMessageId)),
      [],
    );
    return this.messages.idsByCarrier(em, pairs);
  }

  private newChanges(loaded: Awaited<ReturnType<MessageRepository['find']>>): BatchChanges {
    return new BatchChanges(loaded, {
      produced: this.emitter.isProduced,
      policy: this.options.publish,
      now: this.clock.now().toISOString(),
    });
  }

  private async write(em: EntityManager, changes: BatchChanges): Promise<void> {
    await this.messages.upsert(em, changes.changedRows());
    for (const { kind, reason } of changes.ignored) this.metrics.ignoredEvents.inc({ kind, reason });
  }

  private toPending(message: ConsumedMessage<CarrierReceiptV1>, messageId: string | undefined): PendingDlr {
    const p = message.payload;
    const now = this.clock.now().getTime();
    const row: PendingDlr = {
      carrierId: p.carrierId,
      carrierMessageId: p.carrierMessageId,
      eventKey: dlrEventKey(p),
      payload: p,
      attributes: message.attributes,
      source: { topic: message.topic, partition: message.partition, offset: message.offset },
      receivedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.pendingTtlMs).toISOString(),
    };
    if (messageId !== undefined) row.messageId = messageId;
    return row;
  }
}

function sourceOf(m: ConsumedMessage<unknown>): string {
  return recordSource(m.topic, m.partition, m.offset);
}

/** The carrier key a submit (or an ambiguous send) names: held DLRs without a message id wait on it. */
function submitPairOf(ev: StatusEvent): CarrierPair[] {
  if ((ev.status !== 'submitted' && ev.status !== 'ambiguous') || !ev.carrierId || !ev.carrierMessageId) return [];
  return [{ carrierId: ev.carrierId, carrierMessageId: ev.carrierMessageId }];
}
