import { carrierKey } from '../adapters/advisory-locks';
import type { PendingDlr } from '../adapters/pending-dlr.repository';
import type { StatusEvent } from '../domain/message-record';

/** Held DLRs of a batch, found by the submit's carrier key or by the message id they carried; each claimed once. */
export class HeldDlrs {
  private readonly byKey = new Map<string, PendingDlr[]>();
  private readonly claimed = new Set<PendingDlr>();

  constructor(rows: readonly PendingDlr[]) {
    for (const row of rows) {
      this.push(`c:${carrierKey(row.carrierId, row.carrierMessageId)}`, row);
      if (row.messageId !== undefined) this.push(`m:${row.messageId}`, row);
    }
  }

  /** Unclaimed DLRs for this status, oldest first (rows arrive ordered by reception). */
  claimFor(ev: StatusEvent): PendingDlr[] {
    const byCarrier =
      ev.carrierId && ev.carrierMessageId
        ? (this.byKey.get(`c:${carrierKey(ev.carrierId, ev.carrierMessageId)}`) ?? [])
        : [];
    const found = [...new Set([...byCarrier, ...(this.byKey.get(`m:${ev.messageId}`) ?? [])])]
      .filter((row) => !this.claimed.has(row))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    for (const row of found) this.claimed.add(row);
    return found;
  }

  claimedIds(): string[] {
    return [...this.claimed].map((row) => row.id!);
  }

  private push(key: string, row: PendingDlr): void {
    const list = this.byKey.get(key);
    if (list) list.push(row);
    else this.byKey.set(key, [row]);
  }
}
