// `node dist/tools/bench/cpu-profile-top.js <dir or .cpuprofile>... [--top N]`: the functions and
// the packages with the most self time in V8 CPU profiles (those the bench writes with
// BENCH_CPU_PROF_DIR, or node --cpu-prof ones).
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a function lives: a package, one of our libs/apps, or the runtime itself. */
export function ownerOf(url: string): string {
  if (!url) return '(runtime)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const ours = /\/(libs|apps|tools)\/([^/]+)\//.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

export function selfTimes(p: CpuProfile): {
  total: number;
  byFunction: Map<string, number>;
  byOwner: Map<string, number>;
} {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') return;
    total += dt;
    const name = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''} [${ownerOf(f.url)}]`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
    byOwner.set(ownerOf(f.url), (byOwner.get(ownerOf(f.url)) ?? 0) + dt);
  });
  return { total, byFunction, byOwner };
}

function top(m: Map<string, number>, total: number, n: number): string[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

function main(): void {
  const args = process.argv.slice(2);
  const n = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 20;
  const files = args
    .filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--top')
    .flatMap((a) =>
      fs.statSync(a).isDirectory()
        ? fs
            .readdirSync(a)
            .filter((f) => f.endsWith('.cpuprofile'))
            .map((f) => path.join(a, f))
        : [a],
    );
  for (const file of files) {
    const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const { total, byFunction, byOwner } = selfTimes(p);
    const wall = (p.endTime - p.startTime) / 1e6;
    console.log(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s busy of ${wall.toFixed(1)} s`);
    console.log(' by package (self time):', '\n' + top(byOwner, total, 10).join('\n'));
    console.log(' by function (self time):', '\n' + top(byFunction, total, n).join('\n'));
  }
}

if (require.main === module) main();
