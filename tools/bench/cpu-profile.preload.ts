// Preloaded into every Herald process of a profiling run (NODE_OPTIONS=--require ..., since Node
// refuses --cpu-prof there): samples the CPU from start to exit and writes
// <BENCH_CPU_PROF_DIR>/<service>.<pid>.cpuprofile, readable by Chrome DevTools or cpu-profile-top.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const service = /apps\/([^/]+)\/src\/main\.js$/.exec(process.argv[1] ?? '')?.[1] ?? 'node';
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  let written = false;
  // A main-thread inspector session answers synchronously, so this works inside 'exit'.
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (err, result) => {
      if (err || !result) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${service}.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
  // Nest re-raises SIGTERM after its shutdown hooks, which ends the process without 'exit'. `once`,
  // and registered first: the re-raised signal finds no listener of ours and terminates as usual.
  process.once('SIGTERM', write);
}
