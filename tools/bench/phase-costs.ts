// What a phase cost the broker and PostgreSQL, from counters both keep anyway: topic end offsets
// (records produced), committed offsets of Herald's groups (records consumed), pg_stat_user_tables
// (row writes), pg_stat_database (transactions), plus the services' own count of queries sent
// (round trips, see pg-queries.preload).
import fs from 'node:fs';
import path from 'node:path';
import type { Admin } from '@herald/kafka';
import { Client } from 'pg';
import { byTopic, consumedDelta, delta, total, type Counters } from './cost-math';
import { sleep } from './bench-stats';

export interface CostSnapshot {
  /** End offset per `topic partition` of every topic of the manifest. */
  partitionEnds: Counters;
  /** Committed offset per `group topic partition`, -1 where the group has none. */
  committed: Counters;
  /** n_tup_ins, n_tup_upd and n_tup_del per `schema.table ins|upd|del`. */
  rowWrites: Counters;
  /** xact_commit + xact_rollback of the database. */
  transactions: number;
  /** Queries sent per service process (pg-queries.preload). */
  queries: Counters;
}

export interface PhaseCosts {
  recordsProduced: Counters;
  recordsConsumed: Counters;
  rowWrites: Counters;
  transactions: number;
  queries: Counters;
  totals: {
    recordsProduced: number;
    recordsConsumed: number;
    rowWrites: number;
    transactions: number;
    queries: number;
  };
}

async function partitionEnds(admin: Admin, topics: string[]): Promise<Counters> {
  const out: Counters = {};
  await Promise.all(
    topics.map(async (topic) => {
      for (const p of await admin.fetchTopicOffsets(topic).catch(() => []))
        out[`${topic} ${p.partition}`] = Number(p.high);
    }),
  );
  return out;
}

async function committed(admin: Admin, groups: string[]): Promise<Counters> {
  const out: Counters = {};
  for (const groupId of groups) {
    // Without `topics`, every topic the group has committed offsets for: the bench need not know
    // which topics a service reads (that changes with the design).
    const topics = await admin.fetchOffsets({ groupId }).catch(() => []);
    for (const t of topics)
      for (const p of t.partitions) out[`${groupId} ${t.topic} ${p.partition}`] = Number(p.offset);
  }
  return out;
}

async function pgCounters(
  databaseUrl: string,
  excludeSchemas: string[],
): Promise<{ rowWrites: Counters; transactions: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ t: string; ins: string; upd: string; del: string }>(
      `SELECT schemaname || '.' || relname AS t, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_del AS del FROM pg_stat_user_tables WHERE NOT (schemaname = ANY($1::text[]))`,
      [excludeSchemas],
    );
    const db = await client.query<{ x: string }>(
      'SELECT xact_commit + xact_rollback AS x FROM pg_stat_database WHERE datname = current_database()',
    );
    // Kept apart: inserts, updates and deletes (retention pruners delete on their own timers).
    const rowWrites = Object.fromEntries(
      tables.rows.flatMap((r) =>
        (['ins', 'upd', 'del'] as const).map((k): [string, number] => [`${r.t} ${k}`, Number(r[k])]),
      ),
    );
    return { rowWrites, transactions: Number(db.rows[0]?.x ?? 0) };
  } finally {
    await client.end();
  }
}

/** Asks every counting service for its query count (SIGUSR2) and reads the files it writes. */
export async function queryCounts(dir: string, pids: Record<string, number>): Promise<Counters> {
  const out: Counters = {};
  const asked = Date.now();
  for (const [name, pid] of Object.entries(pids)) {
    const file = path.join(dir, `${name}.${pid}.json`);
    try {
      process.kill(pid, 'SIGUSR2');
    } catch {
      continue;
    }
    for (let i = 0; i < 40; i++) {
      try {
        const c = JSON.parse(fs.readFileSync(file, 'utf8')) as { queries: number; at: number };
        if (c.at >= asked) {
          out[name] = c.queries;
          break;
        }
      } catch {
        // not written yet
      }
      await sleep(50);
    }
  }
  return out;
}

export interface CostProbe {
  admin: Admin;
  databaseUrl: string;
  /** Every topic of the manifest, and those whose records count as produced (all but the domain events). */
  topics: string[];
  producedTopics: string[];
  groups: string[];
  /** Service name -> pid of the processes that count their queries, and where they write. */
  queryPids: Record<string, number>;
  queryDir: string;
  excludeSchemas: string[];
}

export async function snapshotCosts(p: CostProbe): Promise<CostSnapshot> {
  const [ends, commits, pgc, queries] = await Promise.all([
    partitionEnds(p.admin, p.topics),
    committed(p.admin, p.groups),
    pgCounters(p.databaseUrl, p.excludeSchemas),
    queryCounts(p.queryDir, p.queryPids),
  ]);
  return { partitionEnds: ends, committed: commits, rowWrites: pgc.rowWrites, transactions: pgc.transactions, queries };
}

export function costsBetween(before: CostSnapshot, after: CostSnapshot, producedTopics: string[]): PhaseCosts {
  const nonZero = (c: Counters) => Object.fromEntries(Object.entries(c).filter(([, v]) => v > 0));
  const produced = new Set(producedTopics);
  const recordsProduced = nonZero(
    byTopic(delta(before.partitionEnds, after.partitionEnds), (k) =>
      produced.has(k.split(' ')[0]) ? k.split(' ')[0] : undefined,
    ),
  );
  const recordsConsumed = nonZero(byTopic(consumedDelta(before, after), (k) => k.split(' ').slice(0, 2).join(' ')));
  const rowWrites = nonZero(delta(before.rowWrites, after.rowWrites));
  const queries = delta(before.queries, after.queries);
  const transactions = Math.max(0, after.transactions - before.transactions);
  return {
    recordsProduced,
    recordsConsumed,
    rowWrites,
    transactions,
    queries,
    totals: {
      recordsProduced: total(recordsProduced),
      recordsConsumed: total(recordsConsumed),
      rowWrites: total(rowWrites),
      transactions,
      queries: total(queries),
    },
  };
}
