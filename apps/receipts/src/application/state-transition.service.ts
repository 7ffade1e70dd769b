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
import { FetchTurn } from './fetch-turn';
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
 * Applies a fetch (its statuses and DLRs together) in one transaction per CHUNK records of each, in
 * order: lock, one read of the message rows, the pure state machine in memory, one write of the
 * changed rows (timeline appended, new receipts in their outbox), commit, then produce. A DLR and
 * its submit in the same fetch cost one row write and no hold. A retried batch re-applies
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

  /**
   * The status and DLR batches of one fetch are handed over in the same turn of the event loop:
   * applied together, a DLR finds the submit of its own fetch in memory instead of being held.
   */
  private readonly turn = new FetchTurn<ConsumedMessage<SmsStatusV1>, ConsumedMessage<CarrierReceiptV1>>(
    (statuses, dlrs) => this.applyChunks(statuses, dlrs),
  );

  applyStatuses(batch: ReadonlyArray<ConsumedMessage<SmsStatusV1>>): Promise<void> {
    return this.turn.joinFirst(batch);
  }

  /** DLRs whose submit is recorded (or in the same turn's statuses) are applied; the others are held in pending_dlrs. */
  applyReceipts(dlrs: ReadonlyArray<ConsumedMessage<CarrierReceiptV1>>): Promise<void> {
    return this.turn.joinSecond(dlrs);
  }

  /** Chunk i of the statuses with chunk i of the DLRs, statuses first, one transaction each. */
  private async applyChunks(
    statuses: ReadonlyArray<ConsumedMessage<SmsStatusV1>>,
    dlrs: ReadonlyArray<ConsumedMessage<CarrierReceiptV1>>,
  ): Promise<void> {
    for (let i = 0; i < Math.max(statuses.length, dlrs.length); i += CHUNK)
      await this.applyChunk(statuses.slice(i, i + CHUNK), dlrs.slice(i, i + CHUNK));
  }

  /**
   * Statuses, then DLRs. A DLR that carries its message id (dispatch fills it, and keys the record
   * by it) needs no carrier lookup; the others are found by the submit's carrier message id on the
   * message rows. Only a submit, an ambiguous send or a final state lets a held DLR through: other
   * chunks skip that lookup.
   */
  private async applyChunk(
    statuses: ReadonlyArray<ConsumedMessage<SmsStatusV1>>,
    dlrs: ReadonlyArray<ConsumedMessage<CarrierReceiptV1>>,
  ): Promise<void> {
    const events = statuses.map((message) => ({ message, ev: toStatusEvent(message.payload) }));
    // Each submit's carrier key with its message id: held DLRs and this chunk's unkeyed DLRs wait on it.
    const submits = events.flatMap(({ ev }) => submitPairOf(ev).map((p) => ({ ...p, messageId: ev.messageId })));
    const statusIds = events.map(({ ev }) => ev.messageId);
    const unkeyed = dlrs
      .filter((d) => !d.payload.messageId)
      .map(({ payload: p }) => ({ carrierId: p.carrierId, carrierMessageId: p.carrierMessageId }));
    const mayRelease = events.some(
      ({ ev }) => ev.status === 'submitted' || ev.status === 'ambiguous' || isFinalState(ev.status),
    );
    const changes = await inTransaction(this.ds, async (em) => {
      const submitKeys = submits.map((p) => carrierKey(p.carrierId, p.carrierMessageId));
      // An unkeyed DLR's submit is on the message rows, or among this chunk's statuses.
      const byCarrier = await this.lookUpUnkeyed(em, unkeyed, submitKeys);
      for (const p of submits) byCarrier.set(carrierKey(p.carrierId, p.carrierMessageId), p.messageId);
      const idOf = ({ payload: p }: ConsumedMessage<CarrierReceiptV1>) =>
        p.messageId?.toLowerCase() ?? byCarrier.get(carrierKey(p.carrierId, p.carrierMessageId));
      const dlrIds = dlrs.map((d) => idOf(d)).filter((id): id is string => id !== undefined);
      await lockAll(em, unkeyed.length > 0 ? [] : submitKeys, [...statusIds, ...dlrIds]);
      const changes = this.newChanges(await this.messages.find(em, [...new Set([...statusIds, ...dlrIds])]));
      const held = new HeldDlrs(mayRelease ? await this.pending.findFor(em, submits, statusIds) : []);
      for (const { message, ev } of events) {
        const src = sourceOf(message);
        changes.replay(ev.messageId, src, message);
        changes.add(applyStatus(changes.current(ev.messageId), ev, this.machine), src, message);
        if (!acceptsDlr(changes.current(ev.messageId))) continue;
        for (const p of held.claimFor(ev)) {
          changes.add(applyDlr(changes.current(ev.messageId)!, toDlrEvent(p.payload), this.machine), src, message);
        }
      }
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
      await this.pending.delete(em, held.claimedIds());
      await this.pending.insert(em, hold);
      await this.write(em, changes);
      return changes;
    });
    await this.emitter.emit(changes.receipts);
  }

  /**
   * Every carrier lock first (one statement, as every transaction takes them), then the lookup of
   * the unkeyed DLRs under them; the message locks follow in a second statement.
   */
  private async lookUpUnkeyed(
    em: EntityManager,
    pairs: readonly CarrierPair[],
    submitKeys: readonly string[],
  ): Promise<Map<string, string>> {
    if (pairs.length === 0) return new Map();
    await lockAll(em, [...pairs.map((p) => carrierKey(p.carrierId, p.carrierMessageId)), ...submitKeys], []);
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
