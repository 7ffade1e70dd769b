import type { HeraldLogger } from '@herald/observability';
import type { RerouteRow } from '../adapters/send-ledger.repository';
import type { ReceiptEvent } from '../carriers/carrier-adapter';
import type { CommonCarrierConfig } from '../carriers/common-config';
import type { Destination } from '../domain/route-planner';
import type { DispatchMetrics } from '../dispatch.metrics';

export interface RerouteLedger {
  rerouteRows(messageIds: readonly string[]): Promise<Map<string, RerouteRow>>;
  reroute(messageId: string, carrierId: string): Promise<boolean>;
  dropPayloads(messageIds: readonly string[]): Promise<void>;
}

export interface RerouterDeps {
  ledger: RerouteLedger;
  /** The carriers serving the destination that are usable now (bound, circuit closed). */
  usableRoutes(to: Destination): readonly CommonCarrierConfig[];
  decrypt(ciphertext: string): string;
  metrics: DispatchMetrics;
  logger: HeraldLogger;
  now(): number;
}

/** Below this much TTL left, a second carrier would hardly get the message out: the report stands. */
const MIN_TTL_LEFT_MS = 30_000;
/** How long an `undelivered` waits for its own submit to be recorded, and how often it looks. */
const SUBMIT_WAIT_MS = 2000;
const SUBMIT_POLL_MS = 100;
const OPEN = new Set(['claimed', 'submitting']);
/** At most this many moves per message, whatever the number of carriers. */
const MAX_REROUTES = 2;

export type ReportFate = 'publish' | 'rerouted' | 'superseded';

/**
 * Issue 20, opt-in per carrier (`rerouteOnUndelivered`): a final `undelivered` from such a carrier
 * sends the message again through the next carrier serving its destination that is usable now, as
 * the same message id, while its TTL allows (with no such carrier the report stands). That report is then not published (the message is not final yet; it is
 * counted), and any later report of the abandoned attempt is superseded, so the message still gets
 * exactly one final receipt: the outcome of its last attempt. Carriers without the option cost
 * nothing here.
 */
export class Rerouter {
  constructor(
    private readonly reroutable: ReadonlySet<string>,
    private readonly d: RerouterDeps,
  ) {}

  /** What to do with each correlated report (reports of other carriers are not looked at). */
  async sort(
    reports: ReadonlyArray<{ event: ReceiptEvent; messageId?: string }>,
  ): Promise<Map<ReceiptEvent, ReportFate>> {
    const fates = new Map<ReceiptEvent, ReportFate>();
    const ours = reports.filter(
      (r): r is { event: ReceiptEvent; messageId: string } =>
        r.messageId !== undefined && this.reroutable.has(r.event.carrierId),
    );
    if (ours.length === 0) return fates;
    const rows = await this.settledRows(ours);
    const finished: string[] = [];
    for (const { event, messageId } of ours) {
      const row = rows.get(messageId);
      if (row === undefined) continue;
      if (row.triedCarriers.includes(event.carrierId)) {
        fates.set(event, 'superseded');
        this.d.metrics.reroutes.inc({ carrier: event.carrierId, outcome: 'superseded_report' });
        continue;
      }
      if (event.state === 'enroute') continue;
      if (event.state === 'undelivered' && this.canMove(row, event.carrierId)) {
        if (await this.d.ledger.reroute(messageId, event.carrierId)) {
          fates.set(event, 'rerouted');
          this.d.metrics.reroutes.inc({ carrier: event.carrierId, outcome: 'rerouted' });
          this.d.logger.info(
            { messageId, carrier: event.carrierId, rawStat: event.rawStat, rawErr: event.rawErr },
            'undelivered: sent again through the next carrier',
          );
          continue;
        }
      }
      finished.push(messageId);
    }
    await this.d.ledger.dropPayloads(finished);
    return fates;
  }

  /**
   * The rows of these reports' messages. A receipt can overtake the write of its own submit (the
   * carrier sends both at once): an `undelivered` whose row is not `submitted` yet is read again a
   * few times, for at most SUBMIT_WAIT_MS, before it is judged.
   */
  private async settledRows(
    ours: ReadonlyArray<{ event: ReceiptEvent; messageId: string }>,
  ): Promise<Map<string, RerouteRow>> {
    const ids = [...new Set(ours.map((r) => r.messageId))];
    const rows = await this.d.ledger.rerouteRows(ids);
    const waiting = (): string[] =>
      ours
        .filter((r) => r.event.state === 'undelivered' && OPEN.has(rows.get(r.messageId)?.state ?? ''))
        .map((r) => r.messageId);
    for (let waited = 0; waiting().length > 0 && waited < SUBMIT_WAIT_MS; waited += SUBMIT_POLL_MS) {
      await new Promise((r) => setTimeout(r, SUBMIT_POLL_MS));
      for (const [id, row] of await this.d.ledger.rerouteRows(waiting())) rows.set(id, row);
    }
    return rows;
  }

  private canMove(row: RerouteRow, carrierId: string): boolean {
    const p = row.payload;
    if (row.state !== 'submitted' || row.carrierId !== carrierId || p === null || row.reroutes >= MAX_REROUTES)
      return false;
    if (Date.parse(p.expiresAt) - this.d.now() < MIN_TTL_LEFT_MS) return false;
    let e164: string;
    try {
      e164 = this.d.decrypt(p.recipient.phoneEnc);
    } catch {
      return false;
    }
    const used = new Set([...row.triedCarriers, carrierId]);
    return this.d.usableRoutes({ country: p.recipient.country, e164 }).some((r) => !used.has(r.id));
  }
}
