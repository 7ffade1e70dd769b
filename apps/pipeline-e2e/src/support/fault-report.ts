import type { FaultLog } from './fault-actions';
import type { ReceiptWatcher } from './receipt-watcher';

export interface FaultReport {
  /** Which run or scenario this is. */
  name?: string;
  events: number;
  seconds: number;
  counts: {
    accepted: number;
    lost: number;
    multipleFinals: number;
    duplicateSubmits: number;
    ambiguous: number;
    byState: Record<string, number>;
    dlqByReason: Record<string, number>;
    carrierUnanswered: number;
    dlrsRedelivered: number;
  };
  faults: FaultLog[];
  /** Figures of one scenario (a latency percentile, a count it asserts on), shown as extra rows. */
  extra?: Record<string, number | string>;
}

export const AMBIGUOUS = 'unknown: ambiguous send, never confirmed by the carrier';

export interface CarrierRecord {
  /** Extra accepted (or unanswered) submits of one message part: the carrier's count of duplicates. */
  duplicateSubmits: number;
  carrierUnanswered: number;
  dlrsRedelivered: number;
}

/** Counts what became of each event: its final states, the lost, the ambiguous, the carrier's duplicates, the DLQ. */
export function buildReport(
  ids: string[],
  watcher: ReceiptWatcher,
  carrier: CarrierRecord,
  dlqByReason: Record<string, number>,
  faults: FaultLog[],
  ms: number,
  name?: string,
  extra?: Record<string, number | string>,
): FaultReport {
  const byState: Record<string, number> = {};
  let lost = 0;
  let multipleFinals = 0;
  for (const id of ids) {
    const messages = watcher.messagesOf(id);
    const finals = messages.flatMap((m) => watcher.finals(m));
    if (finals.length === 0) lost++;
    if (messages.some((m) => new Set(watcher.finals(m).map((f) => f.state)).size > 1)) multipleFinals++;
    const state =
      finals[0] === undefined
        ? 'none'
        : finals[0].state !== 'unknown'
          ? finals[0].state
          : unknownKind(watcher, messages);
    byState[state] = (byState[state] ?? 0) + 1;
  }
  return {
    ...(name !== undefined ? { name } : {}),
    events: ids.length,
    seconds: Math.round(ms / 1000),
    counts: {
      accepted: ids.length - lost,
      lost,
      multipleFinals,
      duplicateSubmits: carrier.duplicateSubmits,
      ambiguous: byState[AMBIGUOUS] ?? 0,
      byState,
      dlqByReason,
      carrierUnanswered: carrier.carrierUnanswered,
      dlrsRedelivered: carrier.dlrsRedelivered,
    },
    faults,
    ...(extra !== undefined ? { extra } : {}),
  };
}

/** An `unknown` after a `submitted` receipt lost its DLR; one without was an ambiguous send. */
function unknownKind(watcher: ReceiptWatcher, messages: string[]): string {
  const submitted = messages.some((m) =>
    (watcher.byMessage.get(m) ?? []).some((r) => r.state === 'submitted' || r.state === 'enroute'),
  );
  return submitted ? 'unknown: submitted, no DLR within the timeout' : AMBIGUOUS;
}

export function countsTable(r: FaultReport): string {
  const rows = [
    ['events published', r.events],
    ['accepted (a final receipt)', r.counts.accepted],
    ...Object.entries(r.counts.byState).map(([state, n]) => [`  final state ${state}`, n]),
    ['lost (no final receipt)', r.counts.lost],
    ['more than one final state', r.counts.multipleFinals],
    ['duplicate submits (simulator record)', r.counts.duplicateSubmits],
    ['ambiguous sends (no final carrier answer)', r.counts.ambiguous],
    ['  submits the simulator left unanswered (connection dropped)', r.counts.carrierUnanswered],
    ['  DLRs the simulator sent again (no deliver_sm_resp)', r.counts.dlrsRedelivered],
    ['dead-lettered records', Object.values(r.counts.dlqByReason).reduce((n, v) => n + v, 0)],
    ...Object.entries(r.counts.dlqByReason).map(([reason, n]) => [`  DLQ ${reason}`, n]),
    ...Object.entries(r.extra ?? {}),
  ];
  const faults = r.faults.map((f) => `| ${f.at} | ${f.fault} | ${f.ms} | ${f.publishedBefore} |`);
  return [
    `# ${r.name ?? 'Fault run'}: ${r.events} events in ${r.seconds} s`,
    '',
    '| count | value |',
    '|---|---:|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '| at | fault | took (ms) | events published before it |',
    '|---|---|---:|---:|',
    ...faults,
    '',
  ].join('\n');
}
