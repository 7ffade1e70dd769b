import type { DataSource } from 'typeorm';
import { PeriodicTask } from '@herald/periodic-task';

/** One table to keep bounded: rows older than `retentionMs` by `ageColumn`, and settled, are deleted. */
export interface PruneRule {
  /** A table of the service's own schema (unqualified: the connection's search_path). */
  table: string;
  /** A timestamptz column: rows with a value older than now - retentionMs are candidates. */
  ageColumn: string;
  retentionMs: number;
  /**
   * The SQL condition a row must also meet to go (a final state, nothing left to publish), given the
   * table's columns as they are now; `$1` is the cutoff. Undefined: age alone decides.
   */
  settled?: (columns: ReadonlySet<string>) => string | undefined;
}

export interface PrunerOptions {
  /** Pause between two rounds. */
  intervalMs: number;
  /** Rows per DELETE: small, so each statement holds its row locks for milliseconds. */
  batchSize: number;
  /** Pause between two batches of a round, so the hot path always gets the database back. */
  pauseMs: number;
  /** Batches per table per round; the rest waits for the next round. */
  maxBatchesPerRound: number;
}

export interface PruneCount {
  table: string;
  deleted: number;
  /** The table does not exist (yet): nothing to do. */
  missing?: boolean;
}

export interface PrunerHooks {
  onRound?: (counts: PruneCount[]) => void;
  /** A failed round (database down, a statement refused): the next round tries again. */
  onError?: (error: unknown) => void;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Deletes old, settled rows in small batches on a PeriodicTask, never on the hot path. Each batch
 * is one statement that picks its rows with `FOR UPDATE SKIP LOCKED`: a row a live transaction holds
 * is skipped, never waited for. A round that fails (PostgreSQL unavailable) is logged and skipped.
 */
export class TablePruner {
  private readonly task: PeriodicTask;

  constructor(
    private readonly ds: DataSource,
    private readonly rules: readonly PruneRule[],
    private readonly options: PrunerOptions,
    hooks: PrunerHooks = {},
  ) {
    for (const r of rules) {
      if (!IDENTIFIER.test(r.table) || !IDENTIFIER.test(r.ageColumn))
        throw new Error(`prune rule ${r.table}.${r.ageColumn}: not a plain SQL identifier`);
      if (!(r.retentionMs >= 0)) throw new Error(`prune rule ${r.table}: retentionMs must be >= 0`);
    }
    if (options.batchSize < 1 || options.maxBatchesPerRound < 1)
      throw new Error('batchSize and maxBatchesPerRound must be >= 1');
    this.task = new PeriodicTask({
      everyMs: options.intervalMs,
      run: async (stopping) => {
        const counts = await this.runRound(new Date(), stopping);
        hooks.onRound?.(counts);
      },
      onError: (e) => hooks.onError?.(e),
    });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over every rule; throws when the database refuses (the timer loop logs and goes on). */
  async runRound(now: Date = new Date(), stopping?: AbortSignal): Promise<PruneCount[]> {
    const counts: PruneCount[] = [];
    for (const rule of this.rules) {
      if (stopping?.aborted) break;
      counts.push(await this.pruneTable(rule, now, stopping));
    }
    return counts;
  }

  private async pruneTable(rule: PruneRule, now: Date, stopping?: AbortSignal): Promise<PruneCount> {
    const columns = await this.columnsOf(rule.table);
    if (columns.size === 0) return { table: rule.table, deleted: 0, missing: true };
    if (!columns.has(rule.ageColumn)) throw new Error(`prune rule ${rule.table}: no column ${rule.ageColumn}`);
    const settled = rule.settled?.(columns);
    const sql = `DELETE FROM ${rule.table} WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM ${rule.table} WHERE ${rule.ageColumn} < $1${settled ? ` AND (${settled})` : ''}
        LIMIT $2 FOR UPDATE SKIP LOCKED))`;
    const cutoff = new Date(now.getTime() - rule.retentionMs);
    let deleted = 0;
    for (let batch = 0; batch < this.options.maxBatchesPerRound && !stopping?.aborted; batch++) {
      if (batch > 0) await sleep(this.options.pauseMs);
      const result = (await this.ds.query(sql, [cutoff, this.options.batchSize])) as [unknown[], number];
      deleted += result[1];
      if (result[1] < this.options.batchSize) break;
    }
    return { table: rule.table, deleted };
  }

  private async columnsOf(table: string): Promise<Set<string>> {
    const rows: Array<{ column_name: string }> = await this.ds.query(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
      [table],
    );
    return new Set(rows.map((r) => r.column_name));
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
