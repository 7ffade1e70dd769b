// results/bench/pipeline.{json,md} and the SVG charts of the pipeline bench.
import fs from 'node:fs';
import path from 'node:path';
import { round } from './bench-stats';
import type { PipelineBenchResult } from './pipeline.bench';
import type { TargetCheck } from './pipeline-summary';
import { barChartSvg, lineChartSvg, type LineSeries } from './svg-chart';

const n = (v: number, digits = 0) =>
  Number.isFinite(v) ? round(v, digits).toLocaleString('en-US') : v === Infinity ? 'miss' : '-';
const ms = (v: number) => (v === Infinity ? 'miss' : Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '-');

function targetTable(targets: TargetCheck[]): string[] {
  const lines = ['| target | figure | value | required | |', '|---|---|---:|---:|---|'];
  for (const t of targets)
    lines.push(
      `| ${t.what} | \`${t.figure}\` | ${n(t.value, 2)} | ${t.op} ${t.target} | ${t.met ? 'met' : '**missed**'} |`,
    );
  return lines;
}

function throughputTable(r: PipelineBenchResult): string[] {
  const rows: Array<[string, { records: number; seconds: number; overall: number; sustained: number }, string]> = [
    ['ceiling: kafkajs passthrough, 5 processes', r.raw, 'decode + re-encode + produce acks=all, 5 hops'],
    ['reference: @platformatic/kafka passthrough, 5 processes', r.rawPlatformatic, 'the same work with another client'],
    ['Herald, 5 services + SMSC simulator', r.herald, 'event -> submit_sm -> DLR -> FINAL receipt'],
    ['Herald, same run, at the SMSC', r.herald.toSubmit, 'event -> submit_sm received by the simulator'],
  ];
  const lines = [
    '| contender | records | seconds | overall msg/s | sustained msg/s | path |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const [name, t, what] of rows)
    lines.push(`| ${name} | ${t.records} | ${t.seconds.toFixed(1)} | ${n(t.overall)} | ${n(t.sustained)} | ${what} |`);
  const a = r.alternative;
  lines.push(
    `| @nestjs/microservices, 5 processes (Herald stopped) | ${a.records} in window | ${a.windowSeconds} | - | ${n(a.sustained)} | event -> ... -> submit_sm + DLR -> final record |`,
  );
  lines.push(
    '',
    `Herald: ${r.herald.published} published in ${r.herald.publishSeconds.toFixed(1)} s; ${r.herald.missing} without a final receipt.`,
  );
  return lines;
}

function latencyTable(r: PipelineBenchResult): string[] {
  const lines = [
    '| rate | msg/s | sent | misses | p50 ms | p99 ms | p99.9 ms | max ms | Herald+broker+PG CPU % | bench CPU % | slip p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const services = Object.keys(r.herald.processes).filter(
    (k) => !['smsc-simulator', 'kafka broker', 'bench', 'postgres (all)', 'machine (all)'].includes(k),
  );
  for (const [name, raw] of [
    ['ceiling (kafkajs, 5 hops), reference', r.raw],
    ['@platformatic/kafka, 5 hops, reference', r.rawPlatformatic],
  ] as const) {
    const l = raw.lowRate;
    if (!l) continue;
    const e = l.endToEnd;
    lines.push(
      `| ${name} | ${l.rate} | ${e.sent} | ${e.misses} | ${ms(e.p50)} | ${ms(e.p99)} | ${ms(e.p999)} | ${ms(e.max)} | ${n(l.machineCpuPct)} (hops + broker) | - | - |`,
    );
  }
  for (const l of r.latency) {
    const e = l.endToEnd;
    const cpu = [...services, 'kafka broker', 'postgres (all)'].reduce(
      (a, k) => a + (l.processes[k]?.avgCpuPct ?? 0),
      0,
    );
    lines.push(
      `| ${l.label} | ${l.rate} | ${e.sent} | ${e.misses} | ${ms(e.p50)} | ${ms(e.p99)} | ${ms(e.p999)} | ${ms(e.max)} | ${n(cpu)} | ${n(l.processes.bench?.avgCpuPct ?? NaN)} | ${ms(l.scheduleSlip.p99)} |`,
    );
  }
  lines.push(
    '',
    'Event -> submit_sm: scheduled send time of the event -> the simulator\'s receivedAt of its first submit_sm. A message that never reached the simulator is a miss: it ranks after every other message, so p99 reads "miss" once more than 1% are missing.',
    '',
    "Reference rows: the ceiling's 5 passthrough hops at the same low rate, right after their throughput run, scheduled send time -> the record's timestamp on the last topic; CPU = the 5 hops + the broker (they use no PostgreSQL). They show what the Kafka client and the broker alone need at that rate.",
    '',
  );
  lines.push(
    `| stage p50 / p99 (ms) | ${r.latency.map((l) => l.label).join(' | ')} |`,
    `|---|${r.latency.map(() => '---:').join('|')}|`,
  );
  for (const stage of r.latency[0]?.stages.map((s) => s.stage) ?? []) {
    lines.push(
      `| ${stage} | ${r.latency
        .map((l) => {
          const s = l.stages.find((x) => x.stage === stage)?.ms;
          return s ? `${ms(s.p50)} / ${ms(s.p99)}` : '-';
        })
        .join(' | ')} |`,
    );
  }
  lines.push(
    '',
    'Stages (messages traced through every record): ingest = scheduled event time -> sms.requested.v1 record; templating, compliance = between the record timestamps of their input and output; dispatch = sms.approved.v1 -> submit_sm received by the simulator; submit_sm -> status = until the `submitted` record on sms.status.v1.',
  );
  return lines;
}

function costTable(r: PipelineBenchResult): string[] {
  const phases = [
    { name: 'throughput', published: r.herald.published, costs: r.herald.costs },
    ...r.latency.map((l) => ({ name: l.label, published: l.sent, costs: l.costs })),
  ];
  const per = (v: number, m: number) => (m > 0 ? (v / m).toFixed(2) : '-');
  const lines = [
    '| per message | ' + phases.map((p) => p.name).join(' | ') + ' |',
    `|---|${phases.map(() => '---:').join('|')}|`,
  ];
  const rows: Array<[string, (c: PipelineBenchResult['herald']['costs']) => number]> = [
    ['records produced (event excluded)', (c) => c.totals.recordsProduced],
    ['records consumed (event included)', (c) => c.totals.recordsConsumed],
    ['PostgreSQL row writes', (c) => c.totals.rowWrites],
    ['PostgreSQL round trips (queries sent)', (c) => c.totals.queries],
    ['PostgreSQL transactions', (c) => c.totals.transactions],
  ];
  for (const [label, f] of rows)
    lines.push(`| ${label} | ${phases.map((p) => per(f(p.costs), p.published)).join(' | ')} |`);
  const detail = (title: string, c: Record<string, number>, m: number) =>
    `- ${title}: ${
      Object.entries(c)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${per(v, m)}`)
        .join(', ') || 'none'
    }`;
  const h = r.herald;
  lines.push(
    '',
    'Throughput phase, per message:',
    detail('produced, by topic', h.costs.recordsProduced, h.published),
    detail('consumed, by group and topic', h.costs.recordsConsumed, h.published),
    detail('row writes, by table and kind', h.costs.rowWrites, h.published),
    detail('round trips, by service', h.costs.queries, h.published),
  );
  const low = r.latency[0];
  if (low)
    lines.push(
      '',
      `${low.label}, per message:`,
      detail('row writes, by table and kind', low.costs.rowWrites, low.sent),
      detail('round trips, by service', low.costs.queries, low.sent),
    );
  return lines;
}

function processTable(r: PipelineBenchResult): string[] {
  const low = r.latency[0];
  const lines = [
    '| process | throughput: avg CPU % | CPU ms / msg | peak RSS MB | ' +
      (low ? `${low.label}: avg CPU % | ` : '') +
      `idle ${r.idle.seconds} s: avg CPU % |`,
    `|---|---:|---:|---:|${low ? '---:|' : ''}---:|`,
  ];
  for (const [name, p] of Object.entries(r.herald.processes)) {
    lines.push(
      `| ${name} | ${n(p.avgCpuPct, 1)} | ${n(r.herald.cpuMsPerMessage[name], 3)} | ${p.peakRssMb ? n(p.peakRssMb) : '-'} | ${low ? `${n(low.processes[name]?.avgCpuPct ?? NaN, 1)} | ` : ''}${n(r.idle.processes[name]?.avgCpuPct ?? NaN, 2)} |`,
    );
  }
  lines.push(
    '',
    "CPU % is of one core (200% = both cores of this machine), from the kernel's tick counters over the whole phase. `postgres (all)` and `machine (all)` include other users of this shared machine. `bench` is this process (load generator, readers and 1 Hz samplers).",
    '',
  );
  lines.push(
    '| hop process | ceiling: avg CPU % | CPU ms / msg | @platformatic/kafka: avg CPU % | CPU ms / msg |',
    '|---|---:|---:|---:|---:|',
  );
  for (const name of Object.keys(r.raw.processes).filter((k) => k.startsWith('hop'))) {
    const a = r.raw.processes[name];
    const b = r.rawPlatformatic.processes[name];
    lines.push(
      `| ${name} | ${n(a.avgCpuPct, 1)} | ${n((a.cpuSeconds * 1000) / Math.max(1, r.raw.records), 3)} | ${n(b?.avgCpuPct ?? NaN, 1)} | ${n(((b?.cpuSeconds ?? NaN) * 1000) / Math.max(1, r.rawPlatformatic.records), 3)} |`,
    );
  }
  lines.push('', '| alternative process | avg CPU % | CPU ms / final record |', '|---|---:|---:|');
  for (const [name, p] of Object.entries(r.alternative.processes))
    lines.push(
      `| ${name} | ${n(p.avgCpuPct, 1)} | ${n((p.cpuSeconds * 1000) / Math.max(1, r.alternative.totalRecords), 3)} |`,
    );
  return lines;
}

/** Records each service consumed per event, and how many came per handled batch. */
function batchTable(r: PipelineBenchResult): string[] {
  const lines = [
    `| service | topic | records per event, throughput | mean batch, throughput | ${r.latency.map((l) => `mean batch, ${l.label}`).join(' | ')} |`,
    `|---|---|---:|---:|${r.latency.map(() => '---:').join('|')}|`,
  ];
  const mean = (b?: { records: number; batches: number }) =>
    b && b.batches > 0 ? (b.records / b.batches).toFixed(1) : '-';
  for (const b of r.herald.batches) {
    const key = `${b.service} ${b.topic}`;
    lines.push(
      `| ${b.service} | ${b.topic} | ${(b.records / r.herald.published).toFixed(2)} | ${mean(b)} | ${r.latency.map((l) => mean(l.batches.find((x) => `${x.service} ${x.topic}` === key))).join(' | ')} |`,
    );
  }
  return lines;
}

/** Foreign consumers in Herald's groups (in-process tests use the same group ids) split the partitions. */
function intruders(r: PipelineBenchResult): string[] {
  const shared = Object.entries(r.herald.groupMembers).filter(([, m]) => m > 1);
  return shared.length
    ? [
        `**Warning**: other consumers joined ${shared.map(([g]) => g).join(', ')} during the run (another Herald or a test using the same group ids): records were shared with them, figures are not trustworthy.`,
        '',
      ]
    : [];
}

export function pipelineMarkdown(r: PipelineBenchResult): string {
  const total = Object.values(r.phaseSeconds).reduce((a, b) => a + b, 0);
  return [
    `## Herald pipeline bench (${r.at}, ${r.machine.cpus} cores, Node ${r.machine.node})`,
    '',
    `Load average (1 min) at the end of each phase: ${Object.entries(r.machine.load1)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}. Phases took ${Object.entries(r.phaseSeconds)
      .map(([k, v]) => `${k} ${v} s`)
      .join(
        ', ',
      )} (${Math.round(total)} s in all). Database ${r.machine.database} (autovacuum ${r.machine.autovacuum}, Herald's tables vacuumed first), broker ${r.machine.brokers}.`,
    '',
    ...intruders(r),
    '### Targets',
    ...targetTable(r.targets),
    '',
    '### Throughput',
    ...throughputTable(r),
    '',
    '### Latency at fixed open-loop rates',
    ...latencyTable(r),
    '',
    '### Broker and PostgreSQL work per message',
    ...costTable(r),
    '',
    '### Processes',
    ...processTable(r),
    '',
    '### Records and batches per consumer',
    ...batchTable(r),
    '',
    'Method: docs/benchmark.md. Charts: throughput.svg, latency.svg, lag-throughput.svg, cpu-throughput.svg (results/bench/).',
    '',
  ].join('\n');
}

const series = (m: Record<string, Array<[number, number]>>): LineSeries[] =>
  Object.entries(m).map(([name, points]) => ({ name, points }));

export function writePipelineResults(outDir: string, r: PipelineBenchResult): string {
  fs.mkdirSync(outDir, { recursive: true });
  const md = pipelineMarkdown(r);
  fs.writeFileSync(path.join(outDir, 'pipeline.json'), `${JSON.stringify(r, null, 1)}\n`);
  fs.writeFileSync(path.join(outDir, 'pipeline.md'), md);
  const finite = (v: number) => (Number.isFinite(v) ? v : NaN);
  const charts: Record<string, string> = {
    'throughput.svg': lineChartSvg({
      title: 'Outputs per second',
      xLabel: 'seconds since the first input',
      yLabel: 'msg/s',
      series: series({
        'kafkajs passthrough, 5 processes': r.raw.series,
        '@platformatic/kafka passthrough': r.rawPlatformatic.series,
        'Herald (final receipts)': r.herald.series,
        'Herald (submit_sm)': r.herald.toSubmit.series,
        '@nestjs/microservices': r.alternative.series,
      }),
    }),
    'latency.svg': barChartSvg({
      title: 'Event -> submit_sm by arrival rate (ms, log scale; misses not drawn)',
      yLabel: 'ms',
      log: true,
      categories: r.latency.map((l) => `${l.rate} msg/s`),
      series: (['p50', 'p99', 'p999'] as const).map((q) => ({
        name: q === 'p999' ? 'p99.9' : q,
        values: r.latency.map((l) => finite(l.endToEnd[q])),
      })),
    }),
    'lag-throughput.svg': lineChartSvg({
      title: 'Consumer lag, throughput phase',
      xLabel: 'seconds',
      yLabel: 'records behind',
      series: series(r.herald.lag),
    }),
    'cpu-throughput.svg': lineChartSvg({
      title: 'CPU per process, throughput phase',
      xLabel: 'seconds',
      yLabel: '% of one core',
      series: Object.entries(r.herald.processes).map(([name, p]) => ({ name, points: p.cpu })),
    }),
  };
  for (const [file, svg] of Object.entries(charts)) fs.writeFileSync(path.join(outDir, file), svg);
  return md;
}
