import { Topics } from '@herald/contracts';
import type { OutboundRecord, Publisher } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { PiiCipher } from '@herald/pii';
import { toCarrierInbound, toCarrierReceipt } from '../domain/carrier-events.mapper';
import type { DispatchMetrics } from '../dispatch.metrics';
import type { Clock } from '@herald/service-kit';
import type { CorrelationCache } from '../application/correlation-cache';
import type { Rerouter } from '../application/rerouter';
import type { CarrierEventSink, InboundEvent, ReceiptEvent } from '../carriers/carrier-adapter';
import type { SendLedgerRepository } from './send-ledger.repository';

type Queued =
  | { kind: 'receipt'; event: ReceiptEvent; receivedAt: Date; done: Settle }
  | { kind: 'inbound'; event: InboundEvent; receivedAt: Date; done: Settle };

interface Settle {
  resolve(): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 1000;

export interface CarrierEventsDeps {
  publisher: Publisher;
  correlation: CorrelationCache;
  ledger: SendLedgerRepository;
  cipher: PiiCipher;
  tokenKey: string;
  metrics: DispatchMetrics;
  logger: HeraldLogger;
  clock: Clock;
  flushMs: number;
  /** Carriers that reroute after `undelivered` (opt-in): decides which of their reports are published. */
  rerouter?: Rerouter;
  /** Statuses recorded but not produced yet: a correlated DLR waits for its message's status. */
  statuses?: { produced(messageId: string): Promise<void> | undefined; written(messageId: string): boolean };
}

/** How long a DLR waits for its message's status before it goes anyway (receipts holds it then). */
const STATUS_WAIT_MS = 2000;

/**
 * DLRs to carrier.receipts.v1 and MOs to carrier.inbound.v1, gathered for a few ms and sent in one
 * produce. Each event's promise settles with that produce, so the adapter sends deliver_sm_resp
 * only once the broker has the record (and asks the SMSC to redeliver when it has not).
 */
export class CarrierEventsPublisher implements CarrierEventSink {
  private queue: Queued[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly d: CarrierEventsDeps) {}

  receipt(event: ReceiptEvent): Promise<void> {
    return this.enqueue((done) => ({ kind: 'receipt', event, receivedAt: this.d.clock.now(), done }));
  }

  inbound(event: InboundEvent): Promise<void> {
    return this.enqueue((done) => ({ kind: 'inbound', event, receivedAt: this.d.clock.now(), done }));
  }

  unreadable(carrierId: string, kind: 'receipt' | 'inbound', detail: string): void {
    this.d.metrics.carrierEventsRejected.inc({ carrier: carrierId, kind });
    this.d.logger.warn(
      { carrier: carrierId, kind, code: 'DLR_UNPARSEABLE', dlrText: detail },
      'unreadable deliver_sm acknowledged',
    );
  }

  private enqueue(make: (done: Settle) => Queued): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push(make({ resolve, reject }));
      if (this.queue.length >= MAX_BATCH) this.flushSoon(0);
      else this.flushSoon(this.d.flushMs);
    });
  }

  private flushSoon(ms: number): void {
    if (this.timer !== undefined && ms > 0) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    const items = this.queue;
    this.queue = [];
    if (items.length === 0) return;
    try {
      const receipts = items.flatMap((i) => (i.kind === 'receipt' ? [i.event] : []));
      const messageIds = await this.correlate(receipts);
      await this.statusesFirst([...messageIds.values()]);
      // After statusesFirst: the message's ledger row holds its submit by now, so rerouting can judge it.
      const fates = await this.d.rerouter?.sort(receipts.map((event) => ({ event, messageId: messageIds.get(event) })));
      const published = items.filter((i) => i.kind !== 'receipt' || fates?.get(i.event) === undefined);
      const records = published.map((i) => this.build(i, i.kind === 'receipt' ? messageIds.get(i.event) : undefined));
      const seen = this.d.ledger
        .recordDlrs(
          receipts
            .filter((r) => this.isEvidence(r, messageIds.get(r)))
            .map((r) => ({
              carrierId: r.carrierId,
              carrierMessageId: r.carrierMessageId,
              stat: r.rawStat,
              messageId: messageIds.get(r),
            })),
        )
        .catch((e: unknown) => this.d.logger.warn({ err: (e as Error).message }, 'dlr_seen write failed'));
      await this.d.publisher.sendBatch(records);
      await seen;
      for (const item of items) {
        (item.kind === 'receipt' ? this.d.metrics.dlrsPublished : this.d.metrics.mosPublished).inc({
          carrier: item.event.carrierId,
        });
        item.done.resolve();
      }
    } catch (e) {
      this.d.logger.warn(
        { err: (e as Error).message, events: items.length },
        'carrier events not published; the SMSC will redeliver',
      );
      for (const item of items) item.done.reject(e);
    }
  }

  /**
   * dlr_seen keeps what only a receipt can prove: that a submit reached the carrier although its
   * ledger row may not say so (an answer lost, or a crash before the row was written; the start-up
   * reconciler and a redelivered record settle such a row by it). A receipt without our message id
   * proves nothing, and one of a submit whose answer this process has and whose row is written
   * (its status already produced) proves nothing new: neither is written.
   */
  private isEvidence(r: ReceiptEvent, messageId: string | undefined): boolean {
    if (messageId === undefined) return false;
    const answered = this.d.correlation.lookup(r.carrierId, r.carrierMessageId) !== undefined;
    return !(answered && this.d.statuses?.written(messageId) === true);
  }

  /**
   * Our message id for each receipt: echoed user_message_reference, else the in-memory map of
   * recent submits (filled by the time this runs, even when the receipt overtook the resp), else
   * the ledger. A receipt still unmatched is published without it; receipts correlates it later.
   */
  private async correlate(receipts: ReceiptEvent[]): Promise<Map<ReceiptEvent, string>> {
    const out = new Map<ReceiptEvent, string>();
    const misses: ReceiptEvent[] = [];
    for (const r of receipts) {
      const id = r.messageId ?? this.d.correlation.lookup(r.carrierId, r.carrierMessageId);
      if (id === undefined) misses.push(r);
      else out.set(r, id);
    }
    if (misses.length === 0) return out;
    const candidates = [...new Set(misses.flatMap((r) => [r.carrierMessageId, ...(r.idAliases ?? [])]))];
    const rows = await this.d.ledger.messageIdsByCarrierIds(candidates).catch(() => []);
    for (const row of rows) {
      if (row.carrierId !== null) this.d.correlation.remember(row.carrierId, row.carrierMessageIds, row.messageId);
    }
    for (const r of misses) {
      const id = this.d.correlation.lookup(r.carrierId, r.carrierMessageId);
      if (id !== undefined) out.set(r, id);
    }
    return out;
  }

  // A DLR can overtake its submit_sm_resp's ledger write (the simulator sends both at once): it is
  // produced after the message's sms.status.v1, so receipts almost never has to hold it.
  private async statusesFirst(messageIds: string[]): Promise<void> {
    const waits = messageIds
      .map((id) => this.d.statuses?.produced(id))
      .filter((p): p is Promise<void> => p !== undefined);
    if (waits.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(waits), new Promise<void>((r) => (timer = setTimeout(r, STATUS_WAIT_MS)))]);
    clearTimeout(timer);
  }

  private build(item: Queued, messageId: string | undefined): OutboundRecord {
    if (item.kind === 'receipt') {
      const payload = toCarrierReceipt({
        ...item.event,
        receivedAt: item.receivedAt,
        ...(messageId ? { messageId } : {}),
      });
      // Keyed by message id when correlated, like sms.status.v1: one message's status and DLRs
      // share a partition number; the carrier id only when no message could be matched.
      return this.d.publisher.build(Topics.CarrierReceiptsV1, payload, {
        key: payload.messageId ?? payload.carrierMessageId,
      });
    }
    const payload = toCarrierInbound(
      { ...item.event, receivedAt: item.receivedAt },
      { tokenKey: this.d.tokenKey, encrypt: (p) => this.d.cipher.encrypt(p) },
    );
    return this.d.publisher.build(Topics.CarrierInboundV1, payload, { key: payload.recipient.token });
  }
}
