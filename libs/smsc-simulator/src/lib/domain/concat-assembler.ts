import type { ConcatInfo } from './submit-record';

interface Pending<T> {
  total: number;
  parts: Map<number, { body: Buffer; item: T }>;
}

export interface Assembled<T> {
  /** Part bodies joined in order: decode once, so a character split across parts survives. */
  body: Buffer;
  items: T[];
}

/**
 * Collects the parts of concatenated messages (UDH or SAR), keyed by whatever identifies a
 * message on the carrier side (session, addresses, reference). Incomplete messages are forgotten
 * oldest first beyond `maxPending`.
 */
export class ConcatAssembler<T> {
  private readonly pending = new Map<string, Pending<T>>();

  constructor(private readonly maxPending = 10_000) {}

  add(key: string, concat: ConcatInfo, body: Buffer, item: T): Assembled<T> | undefined {
    const fullKey = `${key}|${concat.method}|${concat.reference}|${concat.total}`;
    let p = this.pending.get(fullKey);
    if (p === undefined) {
      if (this.pending.size >= this.maxPending) this.pending.delete(this.pending.keys().next().value as string);
      p = { total: concat.total, parts: new Map() };
      this.pending.set(fullKey, p);
    }
    p.parts.set(concat.index, { body, item });
    if (p.parts.size < p.total) return undefined;
    this.pending.delete(fullKey);
    const ordered = [...p.parts.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
    return { body: Buffer.concat(ordered.map((v) => v.body)), items: ordered.map((v) => v.item) };
  }

  get incomplete(): number {
    return this.pending.size;
  }

  clear(): void {
    this.pending.clear();
  }
}
