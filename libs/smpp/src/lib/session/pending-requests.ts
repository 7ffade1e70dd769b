export type PendingKind = 'bind' | 'submit' | 'enquire_link' | 'unbind';

export interface PendingRequest {
  kind: PendingKind;
  sequenceNumber: number;
  deadline: number;
  onResponse(status: number, messageId: string | undefined): void;
  onFailure(code: 'TIMEOUT' | 'CONNECTION_LOST'): void;
}

/** Requests written and not yet answered, keyed by sequence_number. */
export class PendingRequests {
  private readonly bySeq = new Map<number, PendingRequest>();

  get size(): number {
    return this.bySeq.size;
  }

  add(request: PendingRequest): void {
    this.bySeq.set(request.sequenceNumber, request);
  }

  take(sequenceNumber: number): PendingRequest | undefined {
    const r = this.bySeq.get(sequenceNumber);
    if (r !== undefined) this.bySeq.delete(sequenceNumber);
    return r;
  }

  /** Removes and returns every request whose deadline has passed. */
  takeExpired(now: number): PendingRequest[] {
    const out: PendingRequest[] = [];
    for (const [seq, r] of this.bySeq) {
      if (r.deadline <= now) {
        out.push(r);
        this.bySeq.delete(seq);
      }
    }
    return out;
  }

  takeAll(): PendingRequest[] {
    const out = [...this.bySeq.values()];
    this.bySeq.clear();
    return out;
  }
}
