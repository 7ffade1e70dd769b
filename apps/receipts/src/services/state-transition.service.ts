import { Inject, Injectable } from '@nestjs/common';
import type { CarrierReceiptV1, SmsStatusV1 } from '@herald/contracts';
import type { ConsumedMessage } from '@herald/kafka';
import { DataSource, type EntityManager } from 'typeorm';
import { carrierKey, LockSpace, lockKeys } from '../adapters/advisory-locks';
import { CarrierIndexRepository, type CarrierIndexRow } from '../adapters/carrier-index.repository';
import { inTransaction } from '../adapters/db-transaction';
import { MessageRepository } from '../adapters/message.repository';
import { PendingDlrRepository, type PendingDlr } from '../adapters/pending-dlr.repository';
import { TimelineRepository } from '../adapters/timeline.repository';
import type { Clock } from '../domain/clock';
import { dlrEventKey, type StatusEvent } from '../domain/message-record';
import { recordSource } from '../domain/receipt-outbox';
import { acceptsDlr, applyDlr, applyStatus, type MachineOptions } from '../domain/message-state.machine';
import { mapCarrierStat, type DlrState } from '../domain/smpp-stat.mapper';
import { CLOCK, RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { BatchChanges } from './batch-changes';
import { HeldDlrs } from './held-dlrs';
import { toDlrEvent } from './dlr-event.mapper';
import { ReceiptEmitter } from './receipt-emitter';
import { ReceiptsMetrics } from './receipts.metrics';
import { toStatusEvent } from './status-event.mapper';

export interface MappedDlr {
  message: ConsumedMessage<CarrierReceiptV1>;
  state: DlrState;
}

// Advisory locks live in PostgreSQL's shared lock table (max_locks_per_transaction x connections,
// 6,400 by default, shared by every service): a transaction takes at most two locks per record.
const CHUNK = 250;

/**
 * Applies a batch in transactions of up to CHUNK records, in order: lock, one read per table, the
 * pure state machine in memory, one write per table with the new receipts in the rows' outbox,
 * commit, then produce. A retried batch re-applies committed chunks as duplicates, which change
 * nothing and produce only the receipts its own records committed before (same CloudEvent ids).
 */
@Injectable()
export class StateTransitionService {
  private readonly machine: MachineOptions;

  constructor(
    private readonly ds: DataSource,
    private readonly messages: MessageRepository,
    private readonly timeline: TimelineRepository,
    private readonly index: CarrierIndexRepository,
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
  async applyReceipts(dlrs: readonly MappedDlr[]): Promise<void> {
    for (let i = 0; i < dlrs.length; i += CHUNK) await this.applyReceiptChunk(dlrs.slice(i, i + CHUNK));
  }

  private async applyStatusChunk(batch: ReadonlyArray<ConsumedMessage<SmsStatusV1>>): Promise<void> {
    const events = batch.map((message) => ({ message, ev: toStatusEvent(message.payload) }));
    const indexRows = events.flatMap(({ ev }) => indexRowOf(ev));
    const ids = events.map(({ ev }) => ev.messageId);
    const changes = await inTransaction(this.ds, async (em) => {
      await lockKeys(em, LockSpace.carrier, indexRows.map((r) => carrierKey(r.carrierId, r.carrierMessageId)));
      await lockKeys(em, LockSpace.message, ids);
      const changes = new BatchChanges(await this.messages.find(em, ids), this.emitter.isProduced, this.options.publish);
      const held = new HeldDlrs(await this.pending.findFor(em, indexRows, ids));
      for (const { message, ev } of events) {
        const src = sourceOf(message);
        changes.replay(ev.messageId, src, message);
        changes.add(applyStatus(changes.current(ev.messageId), ev, this.machine), src, message);
        if (!acceptsDlr(changes.current(ev.messageId))) continue;
        for (const p of held.claimFor(ev)) {
          const state = mapCarrierStat(p.payload.rawStat, p.carrierId, this.options.acceptd);
          if (state) changes.add(applyDlr(changes.current(ev.messageId)!, toDlrEvent(p.payload, state), this.machine), src, message);
        }
      }
      await this.index.upsert(em, indexRows);
      await this.pending.delete(em, held.claimedIds());
      await this.write(em, changes);
      return changes;
    });
    await this.emitter.emit(changes.receipts);
  }

  private async applyReceiptChunk(dlrs: readonly MappedDlr[]): Promise<void> {
    const pairs = dlrs.map(({ message: { payload: p } }) => ({ carrierId: p.carrierId, carrierMessageId: p.carrierMessageId }));
    const changes = await inTransaction(this.ds, async (em) => {
      await lockKeys(em, LockSpace.carrier, pairs.map((p) => carrierKey(p.carrierId, p.carrierMessageId)));
      const indexed = await this.index.find(em, pairs);
      const idOf = ({ payload: p }: ConsumedMessage<CarrierReceiptV1>) =>
        indexed.get(carrierKey(p.carrierId, p.carrierMessageId)) ?? p.messageId?.toLowerCase();
      const ids = [...new Set(dlrs.map((d) => idOf(d.message)).filter((id): id is string => id !== undefined))];
      await lockKeys(em, LockSpace.message, ids);
      const changes = new BatchChanges(await this.messages.find(em, ids), this.emitter.isProduced, this.options.publish);
      const hold: PendingDlr[] = [];
      for (const { message, state } of dlrs) {
        const messageId = idOf(message);
        const record = messageId === undefined ? undefined : changes.current(messageId);
        if (!acceptsDlr(record)) {
          hold.push(this.toPending(message, messageId));
          continue;
        }
        const src = sourceOf(message);
        changes.replay(record.messageId, src, message);
        changes.add(applyDlr(record, toDlrEvent(message.payload, state), this.machine), src, message);
      }
      await this.pending.insert(em, hold);
      await this.write(em, changes);
      return changes;
    });
    await this.emitter.emit(changes.receipts);
  }

  private async write(em: EntityManager, changes: BatchChanges): Promise<void> {
    await this.messages.upsert(em, changes.changedRows());
    await this.timeline.insert(em, changes.timeline);
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

function indexRowOf(ev: StatusEvent): CarrierIndexRow[] {
  if ((ev.status !== 'submitted' && ev.status !== 'ambiguous') || !ev.carrierId || !ev.carrierMessageId) return [];
  return [{ carrierId: ev.carrierId, carrierMessageId: ev.carrierMessageId, messageId: ev.messageId }];
}

