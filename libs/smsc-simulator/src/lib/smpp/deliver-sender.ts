import * as smpp from 'smpp';
import { DLR_STATE, formatDlrText } from '../domain/dlr-text';
import type { SubmitRecord } from '../domain/submit-record';
import type { SessionRegistry } from './session-registry';

const BUCKET_MS = 10;
const MAX_HELD = 100_000;
/** A deliver_sm answered with an error status is offered again after this long. */
const RETRY_MS = 1000;

interface DueReceipt {
  record: SubmitRecord;
  stat: string;
  text?: string;
}

export interface DeliverStats {
  dlrsSent: number;
  dlrsPending: number;
  /** Receipts with no receiver bound, sent on the next bind. */
  dlrsHeld: number;
  /** Receipts sent again: the connection closed before deliver_sm_resp, or the ESME answered an error. */
  dlrsRedelivered: number;
  moSent: number;
}

/**
 * Sends deliver_sm: receipts after their delay, batched in 10 ms buckets so one timer serves
 * thousands of receipts a second, and MO messages on demand. Like an SMSC, it keeps a receipt until
 * the ESME answers deliver_sm_resp OK: one left unanswered when the connection closes is held for
 * the next bind, one answered with an error is offered again a second later.
 */
export class DeliverSender {
  private readonly buckets = new Map<number, DueReceipt[]>();
  private held: DueReceipt[] = [];
  private readonly unanswered = new Map<string, Set<DueReceipt>>();
  private timer?: NodeJS.Timeout;
  private redelivered = 0;
  private pendingCount = 0;
  private sent = 0;
  private moSent = 0;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly now: () => number,
  ) {}

  scheduleReceipt(record: SubmitRecord, stat: string, delayMs: number, echoText: boolean): void {
    this.schedule({ record, stat, ...(echoText ? { text: record.text } : {}) }, delayMs);
  }

  /** The connection of session `id` is gone: what it never acknowledged waits for the next bind. */
  sessionClosed(id: string): void {
    const lost = this.unanswered.get(id);
    this.unanswered.delete(id);
    if (lost === undefined || lost.size === 0) return;
    this.redelivered += lost.size;
    for (const r of lost) if (this.held.length < MAX_HELD) this.held.push(r);
    if (this.registry.pickReceiver() !== undefined) this.releaseHeld();
  }

  private schedule(item: DueReceipt, delayMs: number): void {
    const due = Math.ceil((this.now() + delayMs) / BUCKET_MS) * BUCKET_MS;
    const list = this.buckets.get(due);
    if (list === undefined) this.buckets.set(due, [item]);
    else list.push(item);
    this.pendingCount++;
    this.timer ??= setTimeout(() => this.flush(), BUCKET_MS);
  }

  /** Returns the session id it went to, or undefined when nobody can receive. */
  sendMo(from: string, to: string, text: string): string | undefined {
    const target = this.registry.pickReceiver();
    if (target === undefined) return undefined;
    const gsm = smpp.encodings.ASCII.match(text);
    const fromDigits = from.replace(/^\+/, '');
    this.registry.send(
      target,
      new smpp.PDU('deliver_sm', {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: fromDigits,
        dest_addr_ton: /^\+?\d+$/.test(to) ? 1 : 5,
        dest_addr_npi: /^\+?\d+$/.test(to) ? 1 : 0,
        destination_addr: to.replace(/^\+/, ''),
        esm_class: 0,
        data_coding: gsm ? 0 : 8,
        short_message: gsm ? smpp.encodings.ASCII.encode(text) : smpp.encodings.UCS2.encode(text),
      }),
    );
    this.moSent++;
    return target.id;
  }

  /** A receiver bound: send what waited for one. */
  releaseHeld(): void {
    const held = this.held;
    this.held = [];
    for (const r of held) this.deliver(r);
  }

  stats(): DeliverStats {
    return {
      dlrsSent: this.sent,
      dlrsPending: this.pendingCount,
      dlrsHeld: this.held.length,
      dlrsRedelivered: this.redelivered,
      moSent: this.moSent,
    };
  }

  clear(): void {
    this.buckets.clear();
    this.held = [];
    this.unanswered.clear();
    this.pendingCount = 0;
    this.sent = 0;
    this.redelivered = 0;
    this.moSent = 0;
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const now = this.now();
    for (const [due, items] of this.buckets) {
      if (due > now) continue;
      this.buckets.delete(due);
      this.pendingCount -= items.length;
      for (const r of items) this.deliver(r);
    }
    if (this.buckets.size > 0) this.timer = setTimeout(() => this.flush(), BUCKET_MS);
  }

  private deliver(r: DueReceipt): void {
    const target = this.registry.pickReceiver(r.record.sessionId, r.record.systemId);
    if (target === undefined) {
      if (this.held.length < MAX_HELD) this.held.push(r);
      return;
    }
    const messageId = r.record.messageId ?? '';
    const text = formatDlrText({
      messageId,
      stat: r.stat,
      submittedAt: r.record.receivedAt,
      doneAt: this.now(),
      text: r.text,
    });
    const state = DLR_STATE[r.stat]?.messageState ?? 7;
    this.registry.send(
      target,
      new smpp.PDU('deliver_sm', {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: r.record.destination,
        dest_addr_ton: /^\d+$/.test(r.record.source) ? 1 : 5,
        dest_addr_npi: /^\d+$/.test(r.record.source) ? 1 : 0,
        destination_addr: r.record.source,
        esm_class: 0x04,
        data_coding: 0,
        short_message: Buffer.from(text, 'latin1'),
        receipted_message_id: Buffer.from(`${messageId}\0`, 'latin1'),
        message_state: Buffer.from([state]),
      }),
      (resp) => this.answered(target.id, r, resp.command_status),
    );
    const open = this.unanswered.get(target.id) ?? this.unanswered.set(target.id, new Set()).get(target.id)!;
    open.add(r);
    this.sent++;
  }

  private answered(sessionId: string, r: DueReceipt, status: number): void {
    if (!this.unanswered.get(sessionId)?.delete(r)) return;
    if (status === 0) return;
    this.redelivered++;
    this.schedule(r, RETRY_MS);
  }
}
