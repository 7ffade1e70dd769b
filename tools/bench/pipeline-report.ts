// results/bench/pipeline.{json,md} and the SVG charts of the pipeline bench.
import fs from 'node:fs';
import path from 'node:path';
import { round } from './bench-stats';
import type { PipelineBenchResult } from './pipeline.bench';
import { barChartSvg, lineChartSvg, type LineSeries } from './svg-chart';

const ok = (pass: boolean) => (pass ? 'met' : '**missed**');
const n = (v: number) => (Number.isFinite(v) ? String(round(v)) : '-');
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '-');

function throughputTable(r: PipelineBenchResult): string[] {
  const rows: Array<[string, { records: number; seconds: number; overall: number; sustained: number }, string]> = [
    ['raw kafkajs passthrough, 5 hops (ceiling)', r.raw, 'produce -> 5 forwards -> arrival on h5'],
    ['Herald, 5 services + SMSC simulator', r.herald, 'event -> submit_sm -> DLR -> FINAL receipt'],
    ['Herald, same run, at the SMSC', r.herald.toSubmit, 'event -> submit_sm received by the simulator'],
    ['@nestjs/microservices, 5 stages', r.alternative, 'event -> ... -> submit_sm -> message row -> h5'],
  ];
  const lines = ['| contender | records | seconds | overall msg/s | sustained msg/s (10-90%) | path |', '|---|---:|---:|---:|---:|---|'];
  for (const [name, t, what] of rows) lines.push(`| ${name} | ${t.records} | ${t.seconds.toFixed(2)} | ${n(t.overall)} | ${n(t.sustained)} | ${what} |`);
  const vsRaw = r.herald.sustained / r.raw.sustained;
  const vsAlt = r.herald.sustained / r.alternative.sustained;
  lines.push(
    '',
    `- Herald / raw ceiling: **${(vsRaw * 100).toFixed(1)}%** (target >= 40%: ${ok(vsRaw >= 0.4)})`,
    `- Herald absolute: **${n(r.herald.sustained)} msg/s** (target >= 5,000: ${ok(r.herald.sustained >= 5000)})`,
    `- Herald / @nestjs/microservices: **${vsAlt.toFixed(1)}x** (target >= 5x: ${ok(vsAlt >= 5)})`,
    `- Herald: ${r.herald.published} published in ${r.herald.publishSeconds.toFixed(2)} s; ${r.herald.missing} without a final receipt`,
  );
  return lines;
}

function latencyTable(r: PipelineBenchResult): string[] {
  const l = r.latency;
  const lines = [`${l.sent} events at ${l.rate} msg/s for ${l.seconds} s (open loop), ${l.submitted} traced to their submit_sm; bench schedule slip p99 ${ms(l.scheduleSlip.p99)} ms.`, ''];
  lines.push('| stage (ms) | p50 | p99 | p99.9 | max | messages |', '|---|---:|---:|---:|---:|---:|');
  for (const s of l.stages) lines.push(`| ${s.stage} | ${ms(s.ms.p50)} | ${ms(s.ms.p99)} | ${ms(s.ms.p999)} | ${ms(s.ms.max)} | ${s.ms.count} |`);
  const e2e = l.stages.find((s) => s.stage === 'end to end')!.ms;
  lines.push('', `- event -> submit_sm p50 **${ms(e2e.p50)} ms** (target <= 20: ${ok(e2e.p50 <= 20)}), p99 **${ms(e2e.p99)} ms** (target <= 100: ${ok(e2e.p99 <= 100)})`);
  lines.push('', 'Stages: ingest = scheduled event time -> sms.requested.v1 record; templating, compliance = between the record timestamps of their input and output; dispatch = sms.approved.v1 -> submit_sm received by the simulator; submit_sm -> status = until the `submitted` record on sms.status.v1.');
  return lines;
}

function resourceTable(r: PipelineBenchResult): string[] {
  const lines = ['| process | phase | peak RSS MB | avg CPU % | peak CPU % |', '|---|---|---:|---:|---:|'];
  const phases: Array<[string, PipelineBenchResult['herald']['processes']]> = [['throughput', r.herald.processes], ['latency', r.latency.processes], ['alternative', r.alternative.processes]];
  for (const [phase, procs] of phases) {
    for (const [name, p] of Object.entries(procs)) lines.push(`| ${name} | ${phase} | ${p.peakRssMb ? n(p.peakRssMb) : '-'} | ${n(p.avgCpuPct)} | ${n(p.peakCpuPct)} |`);
    const tracked = Object.entries(procs).filter(([k]) => k !== 'machine (all)').reduce((sum, [, p]) => sum + p.avgCpuPct, 0);
    if (procs['machine (all)']) lines.push(`| other work (machine - rows above) | ${phase} | - | ${n(Math.max(0, procs['machine (all)'].avgCpuPct - tracked))} | - |`);
  }
  lines.push('', 'CPU % is of one core (200% = both cores of this machine). `postgres (all)` includes other users of the shared server.', '', '| consumer group | peak lag, throughput | peak lag, latency |', '|---|---:|---:|');
  const peak = (s?: Array<[number, number]>) => Math.max(0, ...(s ?? []).map((p) => p[1]));
  for (const g of Object.keys(r.herald.lag)) lines.push(`| ${g} | ${peak(r.herald.lag[g])} | ${peak(r.latency.lag[g])} |`);
  const worst = Object.keys(r.herald.lag).sort((a, b) => peak(r.herald.lag[b]) - peak(r.herald.lag[a]))[0];
  const cpu = r.herald.processes[worst]?.avgCpuPct;
  const machine = r.herald.processes['machine (all)']?.avgCpuPct ?? 0;
  const why = machine >= r.machine.cpus * 90 ? `; the machine's ${r.machine.cpus} cores were saturated (${n(machine)}% busy): every process waited for CPU` : cpu < 50 ? ': mostly waiting, not computing' : '';
  if (worst) lines.push('', `Largest backlog in the throughput phase: **${worst}** (peak lag ${peak(r.herald.lag[worst])} records, ${n(cpu)}% avg CPU of one core${why}).`);
  return lines;
}

/** Records each service consumed per event, and how many came per handled batch. */
function batchTable(r: PipelineBenchResult): string[] {
  const lines = ['| service | topic | records per event, throughput | mean batch, throughput | mean batch, latency |', '|---|---|---:|---:|---:|'];
  const latency = new Map(r.latency.batches.map((b) => [`${b.service} ${b.topic}`, b]));
  const mean = (b?: { records: number; batches: number }) => (b && b.batches > 0 ? (b.records / b.batches).toFixed(1) : '-');
  let total = 0;
  for (const b of r.herald.batches) {
    total += b.records;
    lines.push(`| ${b.service} | ${b.topic} | ${(b.records / r.herald.published).toFixed(2)} | ${mean(b)} | ${mean(latency.get(`${b.service} ${b.topic}`))} |`);
  }
  lines.push('', `Herald's consumers read **${(total / r.herald.published).toFixed(1)} records per event** (the ceiling forwards 5); analysts' reads of sms.receipts.v1 come on top.`);
  return lines;
}

/** Foreign consumers in Herald's groups (in-process tests use the same group ids) split the partitions. */
function intruders(r: PipelineBenchResult): string[] {
  const shared = Object.entries({ ...r.herald.groupMembers, ...r.latency.groupMembers }).filter(([g]) => Math.max(r.herald.groupMembers[g] ?? 0, r.latency.groupMembers[g] ?? 0) > 1);
  return shared.length ? [`**Warning**: other consumers joined ${shared.map(([g]) => g).join(', ')} during the run (another Herald or a test using the same group ids): records were shared with them, figures are not trustworthy.`, ''] : [];
}

export function pipelineMarkdown(r: PipelineBenchResult): string {
  return [
    `## Herald pipeline bench (${r.at}, ${r.machine.cpus} cores, Node ${r.machine.node})`,
    '',
    `Load average (1 min) at the end of each phase: ${Object.entries(r.machine.load1).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}. The bench's own processes count too; see "other work" below for what was not ours. PostgreSQL autovacuum: ${r.machine.autovacuum ?? 'not recorded'}; Herald's tables were vacuumed before Herald started.`,
    '',
    ...intruders(r),
    '### Throughput',
    ...throughputTable(r),
    '',
    '### Latency at a fixed arrival rate',
    ...latencyTable(r),
    '',
    '### Processes and consumer lag',
    ...resourceTable(r),
    '',
    '### Records and batches per consumer',
    ...batchTable(r),
    '',
    '### How',
    '- Ceiling: 5 kafkajs consumer groups in the bench process forward bench.raw.h0 -> h5 (eachBatch, one send per batch, headers kept, Herald\'s consumer settings), 1 KB order.placed records.',
    '- Herald: the compiled simulator + 5 services as separate processes (apps/pipeline-e2e Pipeline, e2e rules: no quiet hours, caps out of reach, SIM_DLR_DELAY_MS=20); distinct phone numbers and ce_ids per run; groups moved to the topic ends first.',
    `- Alternative: 5 processes, one @nestjs/microservices Kafka app per stage (@EventPattern per message, class-validator validateAs, one awaited produce and one awaited SQL statement per message, stage 4 awaits each submit_sm on a window-10 SmppSession), ${r.alternative.records} records on bench.alt.h0 -> h5, tables in schema bench_alt. It skips what Herald also does (phone normalization, PII encryption, LiquidJS, DLR handling), so it is measured doing less work.`,
    '- Rates: overall = outputs / (first input -> last output); sustained = slope between the 10% and 90% outputs, used for the ratios.',
    '',
    'Charts: throughput.svg, latency.svg, lag-throughput.svg, lag-latency.svg, cpu-throughput.svg (results/bench/).',
    '',
  ].join('\n');
}

const series = (m: Record<string, Array<[number, number]>>): LineSeries[] => Object.entries(m).map(([name, points]) => ({ name, points }));

export function writePipelineResults(outDir: string, r: PipelineBenchResult): string {
  fs.mkdirSync(outDir, { recursive: true });
  const md = pipelineMarkdown(r);
  fs.writeFileSync(path.join(outDir, 'pipeline.json'), `${JSON.stringify(r, null, 1)}\n`);
  fs.writeFileSync(path.join(outDir, 'pipeline.md'), md);
  const charts: Record<string, string> = {
    'throughput.svg': lineChartSvg({ title: 'Outputs per second', xLabel: 'seconds since the first input', yLabel: 'msg/s', series: series({ 'raw kafkajs 5 hops': r.raw.series, 'Herald (final receipts)': r.herald.series, 'Herald (submit_sm)': r.herald.toSubmit.series, '@nestjs/microservices': r.alternative.series }) }),
    'latency.svg': barChartSvg({
      title: `Latency per stage at ${r.latency.rate} msg/s (ms, log scale)`,
      yLabel: 'ms',
      log: true,
      categories: r.latency.stages.map((s) => s.stage),
      series: (['p50', 'p99', 'p999'] as const).map((q) => ({ name: q === 'p999' ? 'p99.9' : q, values: r.latency.stages.map((s) => s.ms[q]) })),
    }),
    'lag-throughput.svg': lineChartSvg({ title: 'Consumer lag, throughput phase', xLabel: 'seconds', yLabel: 'records behind', series: series(r.herald.lag) }),
    'lag-latency.svg': lineChartSvg({ title: `Consumer lag at ${r.latency.rate} msg/s`, xLabel: 'seconds', yLabel: 'records behind', series: series(r.latency.lag) }),
    'cpu-throughput.svg': lineChartSvg({ title: 'CPU per process, throughput phase', xLabel: 'seconds', yLabel: '% of one core', series: Object.entries(r.herald.processes).map(([name, p]) => ({ name, points: p.cpu })) }),
  };
  for (const [file, svg] of Object.entries(charts)) fs.writeFileSync(path.join(outDir, file), svg);
  return md;
}
