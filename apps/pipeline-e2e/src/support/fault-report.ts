import type { FaultLog } from './fault-actions';

export interface FaultReport {
  events: number;
  seconds: number;
  counts: { accepted: number; lost: number; multipleFinals: number; duplicateSubmits: number; ambiguous: number; byState: Record<string, number>; dlqByReason: Record<string, number>; carrierUnanswered: number; dlrsRedelivered: number };
  faults: FaultLog[];
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
  ];
  const faults = r.faults.map((f) => `| ${f.at} | ${f.fault} | ${f.ms} | ${f.publishedBefore} |`);
  return [
    `# Fault run: ${r.events} events in ${r.seconds} s`,
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
