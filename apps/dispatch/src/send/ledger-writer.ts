import { HeraldError, type StatusMetaDto } from '@herald/contracts';
import type { HeraldLogger } from '@herald/observability';
import type { LedgerUpdate, SendLedgerRepository } from '../adapters/send-ledger.repository';
import type { MessageResult, StoredResult } from '../domain/message-result';
import { sleep } from './clock';

export interface KnownResult {
  stored: StoredResult;
  meta: StatusMetaDto;
}

/**
 * Writes message results to the ledger behind the submits: every `flushMs`, all results gathered
 * meanwhile go in one UPDATE, so a crash leaves a few ms of submits unrecorded rather than a whole
 * batch. Results not written yet stay known here, so a batch retried after a database failure
 * reports them instead of mistaking its own rows for a crashed send.
 */
export class LedgerWriter {
  private readonly pending = new Map<string, { update: LedgerUpdate; known: KnownResult }>();
  private timer?: NodeJS.Timeout;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: SendLedgerRepository,
    private readonly logger: HeraldLogger,
    private readonly flushMs: number,
  ) {}

  record(messageId: string, stored: StoredResult, meta: StatusMetaDto): void {
    this.pending.set(messageId, { update: toUpdate(messageId, stored), known: { stored, meta } });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((e: unknown) => this.logger.warn({ err: (e as Error).message }, 'ledger write failed, will retry'));
    }, this.flushMs);
  }

  known(messageId: string): KnownResult | undefined {
    return this.pending.get(messageId)?.known;
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
        if (attempt >= attempts) throw e instanceof HeraldError ? e : new HeraldError('DB_UNAVAILABLE', `send ledger: ${(e as Error).message}`, { cause: e });
        await sleep(Math.min(2000, 100 * 2 ** attempt));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async writeOnce(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    await this.repo.apply(batch.map((p) => p.update));
    for (const p of batch) if (this.pending.get(p.update.messageId) === p) this.pending.delete(p.update.messageId);
  }
}

export function toUpdate(messageId: string, stored: StoredResult): LedgerUpdate {
  const r: MessageResult = stored.result;
  const base = { messageId, attempts: r.attempt, result: stored };
  switch (r.status) {
    case 'submitted':
      return { ...base, state: 'submitted', carrierId: r.carrierId, carrierMessageIds: r.carrierMessageIds };
    case 'failed':
      return { ...base, state: 'failed', lastError: `${r.rawStatus ?? r.reasonCode}: ${r.reason}`, ...(r.carrierId ? { carrierId: r.carrierId } : {}) };
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
