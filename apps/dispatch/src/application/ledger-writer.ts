import { HeraldError, type StatusMetaDto } from '@herald/contracts';
import type { OutboundRecord } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { LedgerUpdate, NewRow, ProducedStatus, SendLedgerRepository } from '../adapters/send-ledger.repository';
import type { MessageResult, StoredResult } from '../domain/message-result';
import { sleep } from './sleep';

export interface KnownResult {
  stored: StoredResult;
  meta: StatusMetaDto;
}

/** Where statuses go once their ledger rows are written (the service's Publisher). */
export interface StatusSink {
  sendBatch(records: ReadonlyArray<OutboundRecord>): Promise<void>;
}

interface Unpublished {
  messageId: string;
  record: OutboundRecord;
  /** Set for a row written with its outbox flag: cleared once the record is acked. */
  outbox?: ProducedStatus;
}

/**
 * Writes message results to the ledger behind the submits: every `flushMs`, all results gathered
 * meanwhile go in one UPDATE, so a crash leaves a few ms of submits unrecorded rather than a whole
 * batch. Each result's sms.status.v1 record is produced right after its row is written (not at
 * the end of the batch), so a DLR for the message can follow its status. Results not written yet
 * stay known here, so a batch retried after a database failure reports them instead of mistaking
 * its own rows for a crashed send. A released parked message has no record to replay its status:
 * its row is written with the outbox flag, cleared in one UPDATE per produce (see StatusOutbox).
 */
export class LedgerWriter {
  private readonly pending = new Map<
    string,
    { update: LedgerUpdate; known?: KnownResult; status?: OutboundRecord; outbox?: ProducedStatus }
  >();
  private unpublished: Unpublished[] = [];
  private readonly producedWaiters = new Map<string, { promise: Promise<void>; resolve(): void }>();
  private timer?: NodeJS.Timeout;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: SendLedgerRepository,
    private readonly logger: HeraldLogger,
    private readonly flushMs: number,
    private readonly statuses: StatusSink,
    /** Carriers whose submitted rows keep their payload (they reroute after `undelivered`). */
    private readonly keepsPayload: (carrierId: string) => boolean = () => false,
  ) {}

  /**
   * `status` is produced once the row is written; the caller must not publish it itself. `outbox`:
   * no consumed record can replay it (a released parked message), so the row keeps it pending.
   * `fresh`: the message may have no row yet (consumed for the first time): it is inserted under
   * `owner`; when another process's row is there instead, the status is not produced.
   */
  record(
    messageId: string,
    stored: StoredResult,
    meta: StatusMetaDto,
    status?: OutboundRecord,
    outbox = false,
    fresh?: { row: NewRow; owner: string },
  ): void {
    const flagged = outbox && status !== undefined;
    const r = stored.result;
    const keep = r.status === 'submitted' && this.keepsPayload(r.carrierId);
    const update = {
      ...toUpdate(messageId, stored),
      ...(flagged ? { statusPending: true } : {}),
      ...(keep ? { keepPayload: true } : {}),
      ...(fresh ? { fresh: fresh.row, owner: fresh.owner } : {}),
    };
    this.pending.set(messageId, {
      update,
      known: { stored, meta },
      ...(status === undefined ? {} : { status }),
      ...(flagged ? { outbox: { messageId, status: stored.result.status, at: stored.at } } : {}),
    });
    if (status !== undefined && !this.producedWaiters.has(messageId)) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.producedWaiters.set(messageId, { promise, resolve });
    }
    this.schedule();
  }

  /**
   * A message that cannot be sent now: parked until `nextAttemptAt` (no status is reported).
   * `fresh`: its row (with the payload the releaser sends from) is inserted when there is none.
   */
  park(messageId: string, nextAttemptAt: Date, reason: string, owner: string, fresh?: NewRow): void {
    this.pending.set(messageId, {
      update: {
        messageId,
        state: 'parked',
        attempts: 0,
        lastError: `PARKED: ${reason}`,
        nextAttemptAt,
        owner,
        ...(fresh ? { fresh } : {}),
      },
    });
    this.schedule();
  }

  /** A parking of this message is recorded and not written yet. */
  parkPending(messageId: string): boolean {
    const p = this.pending.get(messageId);
    return p !== undefined && p.update.state === 'parked';
  }

  known(messageId: string): KnownResult | undefined {
    return this.pending.get(messageId)?.known;
  }

  /** Settles when the status recorded for this message was produced; undefined when none is pending. */
  produced(messageId: string): Promise<void> | undefined {
    return this.producedWaiters.get(messageId)?.promise;
  }

  /** True when nothing of this message waits here: its result row is written and its status produced. */
  written(messageId: string): boolean {
    return !this.pending.has(messageId) && !this.producedWaiters.has(messageId);
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((e: unknown) =>
        this.logger.warn({ err: (e as Error).message }, 'ledger write failed, will retry'),
      );
    }, this.flushMs);
  }

  /** Writes everything recorded so far; concurrent callers are serialized, each write is one statement. */
  flush(): Promise<void> {
    const run = this.tail.then(() => this.writeOnce());
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Flushes until written, for the end of a batch; a database that stays down fails the batch (retried). */
  async flushOrThrow(heartbeat: () => Promise<void>, attempts = 6): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.flush();
        return;
      } catch (e) {
        if (attempt >= attempts)
          throw e instanceof HeraldError
            ? e
            : new HeraldError('DB_UNAVAILABLE', `send ledger: ${(e as Error).message}`, { cause: e });
        await sleep(Math.min(2000, 100 * 2 ** attempt));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async writeOnce(): Promise<void> {
    if (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      const refused = await this.repo.apply(batch.map((p) => p.update));
      for (const p of batch) {
        const id = p.update.messageId;
        if (this.pending.get(id) === p) this.pending.delete(id);
        if (p.status === undefined) continue;
        if (refused.has(id)) this.drop(id);
        else this.unpublished.push({ messageId: id, record: p.status, ...(p.outbox ? { outbox: p.outbox } : {}) });
      }
      if (refused.size > 0)
        this.logger.info(
          { messages: refused.size },
          'results not reported: another process consumed the same records and holds their rows',
        );
    }
    await this.publish();
  }

  /** A result whose row is another process's: nothing to produce, and nobody waits for it. */
  private drop(messageId: string): void {
    this.producedWaiters.get(messageId)?.resolve();
    this.producedWaiters.delete(messageId);
  }

  // Rows first, then statuses: a crash in between leaves a settled row whose status a redelivery
  // replays (the batch's offsets are not committed until every status of it was produced).
  private async publish(): Promise<void> {
    if (this.unpublished.length === 0) return;
    const items = this.unpublished;
    await this.statuses.sendBatch(items.map((i) => i.record));
    this.unpublished = this.unpublished.slice(items.length);
    for (const i of items) {
      this.producedWaiters.get(i.messageId)?.resolve();
      this.producedWaiters.delete(i.messageId);
    }
    const outbox = items.flatMap((i) => (i.outbox ? [i.outbox] : []));
    if (outbox.length === 0) return;
    // A flag left set only means the sweep produces the same record again (same ce_id and payload).
    await this.repo
      .statusesProduced(outbox)
      .catch((e: unknown) =>
        this.logger.warn(
          { err: (e as Error).message, statuses: outbox.length },
          'status outbox not cleared; the sweep produces them again',
        ),
      );
  }
}

export function toUpdate(messageId: string, stored: StoredResult): LedgerUpdate {
  const r: MessageResult = stored.result;
  const base = { messageId, attempts: r.attempt, result: stored };
  switch (r.status) {
    case 'submitted':
      return { ...base, state: 'submitted', carrierId: r.carrierId, carrierMessageIds: r.carrierMessageIds };
    case 'failed':
      return {
        ...base,
        state: 'failed',
        lastError: `${r.rawStatus ?? r.reasonCode}: ${r.reason}`,
        ...(r.carrierId ? { carrierId: r.carrierId } : {}),
      };
    case 'expired':
      return { ...base, state: 'expired', lastError: r.reason };
    case 'ambiguous':
      return {
        ...base,
        state: 'ambiguous',
        lastError: `${r.rawStatus ?? 'AMBIGUOUS'}: ${r.reason}`,
        ...(r.carrierId ? { carrierId: r.carrierId } : {}),
        ...(r.carrierMessageIds ? { carrierMessageIds: r.carrierMessageIds } : {}),
      };
  }
}
