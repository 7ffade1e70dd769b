import { setMaxListeners } from 'node:events';
import { HeraldError, Topics, type SmsApprovedV1, type StatusMetaDto } from '@herald/contracts';
import { withMessageTrace, type BatchContext, type ConsumedMessage, type Publisher } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { PiiCipher } from '@herald/pii';
import type { DueRow, NewRow, SendLedgerRepository } from '../adapters/send-ledger.repository';
import { decideConsumed } from '../domain/ledger-decision';
import {
  statusEventIdOf,
  statusMetaOf,
  statusOf,
  type MessageResult,
  type StoredResult,
} from '../domain/message-result';
import { planMessage } from '../domain/message-plan';
import type { OutboundSms } from '../domain/submit-outcome';
import { checkTtl } from '../domain/ttl.policy';
import type { DispatchMetrics } from '../dispatch.metrics';
import type { CarrierFleet } from './carrier-fleet';
import type { Clock } from '@herald/service-kit';
import type { LedgerWriter } from './ledger-writer';
import type { MessageSender } from './message-sender';
import { StartMarker } from './start-marker';

type Msg = ConsumedMessage<SmsApprovedV1>;

interface Prepared {
  payload: SmsApprovedV1;
  /** The consumed record (absent for a parked message the releaser sends). */
  m?: Msg;
  /** Times it was parked before. */
  parks: number;
  /** Carriers an earlier attempt went to (rerouted after `undelivered`). */
  avoid?: readonly string[];
  sms: OutboundSms;
  meta: StatusMetaDto;
  /** Set when the TTL had already passed on arrival. */
  expired?: StoredResult;
  /** Consumed with no ledger row: its first write (start mark, parking or result) inserts one. */
  fresh?: boolean;
}

export interface BatchDispatcherDeps {
  service: string;
  cipher: PiiCipher;
  fleet: CarrierFleet;
  sender: MessageSender;
  ledger: SendLedgerRepository;
  writer: LedgerWriter;
  /** Builds status records; the writer produces them right after their ledger rows. */
  publisher: Pick<Publisher, 'build'>;
  metrics: DispatchMetrics;
  clock: Clock;
  logger: HeraldLogger;
  /** This process's id in the ledger's `owner` column. */
  owner: string;
  /** How long a claim stays this process's before another may take it over (no submit written). */
  claimLeaseMs: number;
  /** After this long in one batch, a message that cannot go now is parked (the batch bound). */
  maxBatchMs: number;
}

const HEARTBEAT_MS = 2000;

/**
 * One partition's batch of sms.approved.v1: read the batch's ledger rows (one SELECT), settle the
 * ones already there without resending, run a send loop per new message side by side (its row
 * inserted `submitting` by a micro-batched start mark right before its first submit is written,
 * or when it parks or settles first), then make sure the ledger has every result before the
 * statuses go out and the offsets move. Two row writes per sent message: the start and the result.
 */
export class BatchDispatcher {
  private readonly inFlight = new Set<string>();
  private readonly shutdown = new AbortController();
  private readonly marker: StartMarker;

  constructor(private readonly d: BatchDispatcherDeps) {
    // Every message waiting for a retry listens for shutdown; thousands may wait at once.
    setMaxListeners(0, this.shutdown.signal);
    this.marker = new StartMarker(
      { markStarted: (ids) => d.ledger.markStarted(ids, d.owner) },
      d.logger,
      this.shutdown.signal,
    );
  }

  /** Stops starting new attempts: messages waiting for a retry give their claim back. */
  stop(): void {
    this.shutdown.abort();
  }

  async dispatch(batch: Msg[], ctx: BatchContext): Promise<void> {
    if (this.shutdown.signal.aborted) return holdUntilExit();
    const toSend = await this.sortConsumed(this.prepare(batch, ctx), ctx);
    for (const p of toSend) if (p.expired !== undefined) this.settle(p, p.expired.result);

    const heartbeat = setInterval(() => void ctx.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    const released: string[] = [];
    const parkAt = this.d.clock.now().getTime() + this.d.maxBatchMs;
    try {
      await Promise.all(toSend.filter((p) => !p.expired).map((p) => this.sendOne(p, released, parkAt)));
    } finally {
      clearInterval(heartbeat);
    }
    await this.d.writer.flushOrThrow(ctx.heartbeat);
    if (released.length > 0) {
      // A new message has no row to give back: its record is consumed again. Claims taken over go.
      await this.d.ledger.release(released, this.d.owner);
      this.d.logger.info(
        { released: released.length },
        'shutting down: messages not submitted are left for redelivery',
      );
      return holdUntilExit();
    }
  }

  /**
   * Parked (or abandoned) rows the releaser claimed: sent like a batch's messages, bounded the same
   * way, their statuses produced after their rows; on shutdown the unstarted ones are parked again.
   */
  async dispatchDue(rows: readonly DueRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.shutdown.signal.aborted)
      return this.d.ledger.repark(
        rows.map((r) => r.messageId),
        this.d.owner,
      );
    const now = this.d.clock.now().getTime();
    const sendable: Prepared[] = [];
    for (const row of rows) {
      const planned = row.payload === null ? undefined : this.plan(row.payload, row.parks);
      const prepared = planned && row.avoid.length > 0 ? { ...planned, avoid: row.avoid } : planned;
      if (prepared === undefined) {
        const p: Prepared = {
          payload: row.payload ?? ({ messageId: row.messageId } as SmsApprovedV1),
          parks: row.parks,
          sms: { messageId: row.messageId } as OutboundSms,
          meta: row.meta,
        };
        this.settle(p, {
          status: 'failed',
          reasonCode: 'CONTRACT_VIOLATION',
          reason: 'parked message cannot be read back (payload missing or not decryptable)',
          attempt: Math.max(1, row.attempts),
        });
      } else if (checkTtl(prepared.sms.expiresAt, now).expired) {
        this.settle(prepared, {
          status: 'expired',
          reason: `TTL passed while parked (${row.parks} parkings)`,
          attempt: row.attempts,
        });
      } else sendable.push(prepared);
    }
    const released: string[] = [];
    await Promise.all(sendable.map((p) => this.sendOne(p, released, now + this.d.maxBatchMs)));
    await this.d.writer.flushOrThrow(async () => undefined);
    await this.d.ledger.repark(released, this.d.owner);
  }

  private async sendOne(p: Prepared, released: string[], parkAt: number): Promise<void> {
    const id = p.sms.messageId;
    this.inFlight.add(id);
    try {
      const hooks = {
        markStarted: () => this.marker.mark(p.fresh ? { messageId: id, fresh: newRow(p, true) } : { messageId: id }),
        parkAt,
        parks: p.parks,
        ...(p.avoid ? { avoid: p.avoid } : {}),
      };
      // In the record's trace: the carrier submit span of the send loop is a child of its process span.
      const result = await withMessageTrace(p.m, () =>
        this.d.sender.send(p.sms, p.payload.priority ?? 'normal', this.shutdown.signal, hooks),
      );
      if (result.status === 'aborted') return void released.push(id);
      if (result.status === 'lost') return void this.d.metrics.messages.inc({ result: 'taken_over' });
      if (result.status === 'parked') {
        this.d.metrics.messages.inc({ result: 'parked' });
        const at = new Date(result.nextAttemptAt);
        return this.d.writer.park(id, at, result.reason, this.d.owner, p.fresh ? newRow(p, true) : undefined);
      }
      if (result.status === 'ambiguous')
        this.d.metrics.ambiguous.inc({ carrier: result.carrierId ?? 'unknown', cause: result.rawStatus ?? 'unknown' });
      this.settle(p, result);
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** An approved message as the carrier gets it, or undefined when it cannot be read. */
  private plan(payload: SmsApprovedV1, parks: number): Prepared | undefined {
    try {
      const plan = planMessage(
        payload,
        this.d.cipher.decrypt(payload.bodyEnc),
        this.d.cipher.decrypt(payload.recipient.phoneEnc),
      );
      return plan.ok
        ? { payload, parks, sms: plan.sms, meta: statusMetaOf(payload, plan.sms.parts.length, plan.sms.encoding) }
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Decrypts and splits; a record that cannot be sent as it is goes to the DLQ with a failed status. */
  private prepare(batch: Msg[], ctx: BatchContext): Prepared[] {
    const seen = new Set<string>();
    const out: Prepared[] = [];
    const now = this.d.clock.now().getTime();
    for (const m of batch) {
      const p = m.payload;
      if (seen.has(p.messageId)) continue;
      seen.add(p.messageId);
      let plan: ReturnType<typeof planMessage>;
      try {
        plan = planMessage(p, this.d.cipher.decrypt(p.bodyEnc), this.d.cipher.decrypt(p.recipient.phoneEnc));
      } catch (e) {
        plan = {
          ok: false,
          field: 'bodyEnc/recipient.phoneEnc',
          reason: `cannot be decrypted (${(e as Error).message})`,
        };
      }
      if (!plan.ok) {
        this.reject(m, 'CONTRACT_VIOLATION', `${plan.field} ${plan.reason}`, ctx);
        continue;
      }
      const sms = plan.sms;
      if (this.d.fleet.routesFor({ country: sms.country, e164: sms.destination }).length === 0) {
        this.reject(m, 'CONFIG_INVALID', `no carrier in DISPATCH_CARRIERS_FILE serves ${sms.country}`, ctx);
        continue;
      }
      const prepared: Prepared = {
        payload: p,
        m,
        parks: 0,
        sms,
        meta: statusMetaOf(p, sms.parts.length, sms.encoding),
      };
      if (checkTtl(sms.expiresAt, now).expired)
        prepared.expired = this.stored({ status: 'expired', reason: 'TTL passed before dispatch', attempt: 0 });
      out.push(prepared);
    }
    return out;
  }

  /**
   * Returns the messages to send: the ones without a row (marked `fresh`) and the unstarted claims
   * taken over from a process that stopped. The rest are redeliveries, settled without resending.
   */
  private async sortConsumed(consumed: Prepared[], ctx: BatchContext): Promise<Prepared[]> {
    if (consumed.length === 0) return [];
    const rows = await this.d.ledger.load(consumed.map((p) => p.sms.messageId));
    const open = [...rows.values()].filter((r) => r.state === 'submitting' || r.state === 'ambiguous');
    const evidence = await this.d.ledger.dlrEvidence(open.map((r) => r.messageId));
    const toSend: Prepared[] = [];
    const takeOver = new Map<string, Prepared>();
    for (const p of consumed) {
      const id = p.sms.messageId;
      const row = rows.get(id);
      const known = this.d.writer.known(id);
      const decision = decideConsumed(
        row,
        { inFlight: this.inFlight.has(id) || this.d.writer.parkPending(id), hasPendingOutcome: known !== undefined },
        evidence.get(id),
      );
      // `resolve_submitted` and `ambiguous` only come for a row.
      const attempt = Math.max(1, row?.attempts ?? 0);
      const carrierId = row?.carrierId ?? undefined;
      switch (decision.action) {
        case 'send':
          toSend.push({ ...p, fresh: true });
          break;
        case 'skip':
          this.d.metrics.messages.inc({ result: 'skipped' });
          break;
        case 'replay_pending':
          this.report(p, (known as { stored: StoredResult }).stored, ctx);
          break;
        case 'replay':
          this.report(p, decision.stored, ctx);
          break;
        case 'take_over':
          takeOver.set(id, p);
          break;
        case 'resolve_submitted':
          this.settle(p, {
            status: 'submitted',
            carrierId: decision.carrierId,
            carrierMessageIds: decision.carrierMessageIds,
            attempt,
            segments: row?.segments ?? p.sms.parts.length,
          });
          break;
        case 'ambiguous':
          this.d.metrics.ambiguous.inc({ carrier: carrierId ?? 'unknown', cause: 'found_submitting' });
          this.settle(p, {
            status: 'ambiguous',
            reason: 'found submitting when consumed again: a submit may have reached the carrier; not resent',
            attempt,
            ...(carrierId ? { carrierId } : {}),
          });
      }
    }
    const taken = await this.d.ledger.takeOver([...takeOver.keys()], this.d.owner, this.d.claimLeaseMs);
    return [...toSend, ...[...taken].map((id) => takeOver.get(id) as Prepared)];
  }

  /**
   * A new result: into the ledger (written behind) and onto sms.status.v1 as soon as its row is
   * written, not at the end of the batch (the batch still waits for both before its offsets move).
   * A released parked message (no consumed record) goes through the row's status outbox.
   */
  private settle(p: Prepared, result: MessageResult): void {
    const stored = this.stored(result);
    const id = p.sms.messageId;
    this.d.metrics.messages.inc({ result: stored.result.status });
    const at = new Date(stored.at);
    const status = this.d.publisher.build(
      Topics.SmsStatusV1,
      statusOf(id, stored.result, p.meta, this.d.service, at),
      { key: id, id: statusEventIdOf(id, stored), ...(p.m ? { parent: p.m } : {}) },
      at,
    );
    const fresh = p.fresh ? { row: newRow(p, false), owner: this.d.owner } : undefined;
    this.d.writer.record(id, stored, p.meta, status, p.m === undefined, fresh);
  }

  private report(p: Prepared, stored: StoredResult, ctx: BatchContext): void {
    this.d.metrics.messages.inc({ result: stored.result.status });
    const id = p.sms.messageId;
    ctx.publish(Topics.SmsStatusV1, statusOf(id, stored.result, p.meta, this.d.service, new Date(stored.at)), {
      key: id,
      id: statusEventIdOf(id, stored),
      ...(p.m ? { parent: p.m } : {}),
    });
  }

  private stored(result: MessageResult): StoredResult {
    return { result, at: this.d.clock.now().toISOString() };
  }

  private reject(m: Msg, code: 'CONTRACT_VIOLATION' | 'CONFIG_INVALID', reason: string, ctx: BatchContext): void {
    this.d.metrics.messages.inc({ result: 'invalid' });
    this.d.logger.warn({ messageId: m.payload.messageId, code, reason }, 'approved message cannot be dispatched');
    ctx.fail(m, new HeraldError(code, reason));
    const result: MessageResult = { status: 'failed', reasonCode: code, reason, attempt: 1 };
    ctx.publish(
      Topics.SmsStatusV1,
      statusOf(m.payload.messageId, result, statusMetaOf(m.payload), this.d.service, this.d.clock.now()),
      { key: m.payload.messageId, parent: m },
    );
  }
}

/** The row a new message's first write inserts; the payload only where the row stays open. */
function newRow(p: Prepared, open: boolean): NewRow {
  return { segments: p.sms.parts.length, meta: p.meta, ...(open ? { payload: p.payload } : {}) };
}

/**
 * During shutdown a batch is neither finished nor failed: a retriable error would be retried and,
 * after the last attempt, dead-lettered while the process goes away (a message lost to the DLQ),
 * and a retry would claim rows the shutdown deadline could leave `submitting` (ambiguous). Held,
 * the batch keeps its offsets uncommitted and is consumed again by the next owner.
 */
function holdUntilExit(): Promise<never> {
  return new Promise<never>(() => undefined);
}
