import type { SubmitRecord } from './submit-record';

export interface SubmitQuery {
  reference?: string;
  destination?: string;
  since?: number;
  limit?: number;
}

export interface DuplicateReport {
  reference: string;
  /** Submits beyond the first for the same part that the SMSC accepted or never answered. */
  extra: number;
}

/**
 * The last `capacity` submits, oldest evicted first, indexed by user_message_reference. A
 * duplicate is a second submit of the same reference and part that the SMSC took (answered OK, or
 * never answered because the connection dropped: it may be delivered); refused ones do not count.
 */
export class SubmitStore {
  private ring: Array<SubmitRecord | undefined>;
  private head = 0;
  private count = 0;
  private nextSeq = 1;
  private readonly byReference = new Map<string, SubmitRecord[]>();

  constructor(readonly capacity = 500_000) {
    this.ring = new Array<SubmitRecord | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  get total(): number {
    return this.nextSeq - 1;
  }

  add(record: Omit<SubmitRecord, 'seq'>): SubmitRecord {
    const stored: SubmitRecord = { seq: this.nextSeq++, ...record };
    if (this.count === this.capacity) this.evictOldest();
    this.ring[(this.head + this.count) % this.capacity] = stored;
    this.count++;
    if (stored.userMessageReference !== undefined) {
      const list = this.byReference.get(stored.userMessageReference);
      if (list === undefined) this.byReference.set(stored.userMessageReference, [stored]);
      else list.push(stored);
    }
    return stored;
  }

  query(q: SubmitQuery): SubmitRecord[] {
    const limit = q.limit ?? 1000;
    const source = q.reference !== undefined ? (this.byReference.get(q.reference) ?? []) : this.all();
    const out: SubmitRecord[] = [];
    for (const r of source) {
      if (q.destination !== undefined && r.destination !== q.destination) continue;
      if (q.since !== undefined && r.receivedAt < q.since) continue;
      out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  countByStatus(name: (status: number) => string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.all()) {
      const key = r.status === null ? 'UNANSWERED' : name(r.status);
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  duplicates(limit = 100): { total: number; references: DuplicateReport[] } {
    const references: DuplicateReport[] = [];
    let total = 0;
    for (const [reference, records] of this.byReference) {
      const perPart = new Map<number, number>();
      for (const r of records) {
        if (r.status !== null && r.status !== 0) continue;
        const part = r.concat?.index ?? 0;
        perPart.set(part, (perPart.get(part) ?? 0) + 1);
      }
      const extra = [...perPart.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
      if (extra === 0) continue;
      total += extra;
      if (references.length < limit) references.push({ reference, extra });
    }
    return { total, references };
  }

  clear(): void {
    this.ring = new Array<SubmitRecord | undefined>(this.capacity);
    this.head = 0;
    this.count = 0;
    this.nextSeq = 1;
    this.byReference.clear();
  }

  *all(): IterableIterator<SubmitRecord> {
    for (let i = 0; i < this.count; i++) yield this.ring[(this.head + i) % this.capacity] as SubmitRecord;
  }

  private evictOldest(): void {
    const old = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    if (old?.userMessageReference === undefined) return;
    const list = this.byReference.get(old.userMessageReference);
    if (list === undefined) return;
    if (list[0] === old) list.shift();
    if (list.length === 0) this.byReference.delete(old.userMessageReference);
  }
}
