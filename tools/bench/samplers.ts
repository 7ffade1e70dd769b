// Per-process RSS and CPU from /proc, and consumer lag per group, both once a second: the bench's
// own CPU is part of what it reports, so its samplers stay cheap.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fetchGroupLag, type Admin } from '@herald/kafka';

export interface ProcessStats {
  peakRssMb: number;
  avgCpuPct: number;
  peakCpuPct: number;
  /** CPU time used between start() and stop(), in seconds (exact: from the kernel's tick counters). */
  cpuSeconds: number;
  /** [seconds since start, CPU % of one core] per sample. */
  cpu: Array<[number, number]>;
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

/** Busy ticks of the whole machine (all cores), from the first line of /proc/stat. */
function machineTicks(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
}

/** utime+stime of every PostgreSQL process (backends come and go with connections). */
function postgresTicks(seen: Map<number, number>): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seen.set(Number(entry), Number(rest[11]) + Number(rest[12]));
    } catch {
      // gone
    }
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

function readProc(pid: number): { rssKb: number; ticks: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name "(...)": utime and stime are the 14th and 15th of the line.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined;
  }
}

export class ProcessSampler {
  private readonly hz = clockTicks();
  private readonly stats = new Map<
    string,
    ProcessStats & { first?: number; last?: { at: number; ticks: number }; sum: number; n: number }
  >();
  private timer?: NodeJS.Timeout;
  private t0 = 0;

  constructor(private readonly pids: Record<string, number>) {}

  start(): void {
    this.t0 = Date.now();
    for (const name of Object.keys(this.pids))
      this.stats.set(name, { peakRssMb: 0, avgCpuPct: 0, peakCpuPct: 0, cpuSeconds: 0, cpu: [], sum: 0, n: 0 });
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
  }

  stop(): Record<string, ProcessStats> {
    clearInterval(this.timer);
    this.sample();
    const out: Record<string, ProcessStats> = {};
    for (const [name, s] of this.stats) {
      const cpuSeconds = s.last && s.first !== undefined ? (s.last.ticks - s.first) / this.hz : 0;
      const seconds = (Date.now() - this.t0) / 1000;
      out[name] = {
        peakRssMb: s.peakRssMb,
        avgCpuPct: seconds > 0 ? (cpuSeconds / seconds) * 100 : 0,
        peakCpuPct: s.peakCpuPct,
        cpuSeconds,
        cpu: s.cpu,
      };
    }
    return out;
  }

  private readonly pg = new Map<number, number>();

  private sample(): void {
    const now = Date.now();
    const extra: Record<string, { rssKb: number; ticks: number }> = {
      'postgres (all)': { rssKb: 0, ticks: postgresTicks(this.pg) },
      'machine (all)': { rssKb: 0, ticks: machineTicks() },
    };
    for (const [name, pid] of [
      ...Object.entries(this.pids),
      ...Object.keys(extra).map((k): [string, number] => [k, 0]),
    ]) {
      const s =
        this.stats.get(name) ??
        this.stats
          .set(name, { peakRssMb: 0, avgCpuPct: 0, peakCpuPct: 0, cpuSeconds: 0, cpu: [], sum: 0, n: 0 })
          .get(name)!;
      const p = extra[name] ?? readProc(pid);
      if (!p) continue;
      s.first ??= p.ticks;
      s.peakRssMb = Math.max(s.peakRssMb, p.rssKb / 1024);
      if (s.last && now > s.last.at) {
        const pct = ((p.ticks - s.last.ticks) / this.hz / ((now - s.last.at) / 1000)) * 100;
        s.cpu.push([(now - this.t0) / 1000, pct]);
        s.sum += pct;
        s.n += 1;
        s.peakCpuPct = Math.max(s.peakCpuPct, pct);
      }
      s.last = { at: now, ticks: p.ticks };
    }
  }
}

export class LagSampler {
  readonly series: Record<string, Array<[number, number]>> = {};
  /** Most members seen per group: more than one means someone else's consumer shared the partitions. */
  readonly members: Record<string, number> = {};
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly admin: Admin,
    private readonly groups: Record<string, string[]>,
  ) {}

  start(): void {
    this.running = true;
    const t0 = Date.now();
    this.loop = (async () => {
      while (this.running) {
        const began = Date.now();
        try {
          for (const g of (await this.admin.describeGroups(Object.keys(this.groups))).groups)
            this.members[g.groupId] = Math.max(this.members[g.groupId] ?? 0, g.members.length);
        } catch {
          // skip this sample
        }
        for (const [group, topics] of Object.entries(this.groups)) {
          try {
            const lag = (await fetchGroupLag(this.admin, group, topics)).reduce((sum, p) => sum + p.lag, 0);
            (this.series[group] ??= []).push([(Date.now() - t0) / 1000, lag]);
          } catch {
            // a rebalance in progress: skip this sample
          }
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - began))));
      }
    })();
  }

  async stop(): Promise<Record<string, Array<[number, number]>>> {
    this.running = false;
    await this.loop;
    return this.series;
  }

  peak(group: string): number {
    return Math.max(0, ...(this.series[group] ?? []).map((p) => p[1]));
  }
}
