import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { configKeys, ServiceConfigClasses, SimulatorConfig } from './config-keys';
import { repoRoot } from './generated-file';
import { ServiceTopology, SIMULATOR } from './service-topology';

type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};

const root = repoRoot();
const compose = YAML.parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** `docker compose` (v2 plugin) if present, else the standalone `docker-compose`; undefined if neither. */
function composeCommand(): string[] | undefined {
  for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
    const r = spawnSync(cmd[0], [...cmd.slice(1), 'version'], { encoding: 'utf8' });
    if (r.status === 0) return cmd;
  }
  return undefined;
}

describe('docker-compose.yml', () => {
  const cmd = composeCommand();
  if (!cmd) {
    it.skip('`docker compose config -q` validates it (SKIPPED: neither the docker compose plugin nor docker-compose is installed)', () =>
      undefined);
    // Make the skip visible in the run's output, not only in the summary count.
    console.warn(
      'docker-compose.spec: skipping `compose config -q`: no docker compose plugin and no docker-compose binary on PATH',
    );
  } else {
    it(`\`${cmd.join(' ')} config -q\` validates it (no engine needed)`, () => {
      const r = spawnSync(cmd[0], [...cmd.slice(1), '-f', 'docker-compose.yml', 'config', '-q'], {
        cwd: root,
        encoding: 'utf8',
      });
      expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({ status: 0, stderr: '' });
    });
  }

  it('runs the five services and the simulator from the one image, each with its port and healthcheck', () => {
    for (const s of [
      ...ServiceTopology.map((x) => ({ name: x.name, port: x.port })),
      { name: SIMULATOR.name, port: SIMULATOR.httpPort },
    ]) {
      const svc = services[s.name];
      expect(svc).toBeDefined();
      expect(svc.image).toBe('herald:dev');
      expect(svc.build).toEqual({ context: '.', dockerfile: 'deploy/docker/Dockerfile' });
      expect(svc.environment?.['HERALD_SERVICE']).toBe(s.name);
      expect(svc.ports).toContain(`127.0.0.1:${s.port}:${s.port}`);
      expect(svc.healthcheck?.test).toEqual(['CMD', 'node', 'deploy/docker/healthcheck.js']);
    }
    for (const s of ServiceTopology) {
      expect(String(services[s.name].environment?.['HTTP_PORT'])).toBe(String(s.port));
      expect(String(services[s.name].environment?.['MGMT_PORT'])).toBe(String(s.mgmtPort));
      expect(services[s.name].ports).toContain(`127.0.0.1:${s.mgmtPort}:${s.mgmtPort}`);
    }
  });

  it('Kafka is apache/kafka 3.9.1 in KRaft mode, published on 127.0.0.1:19092 (KAFKA_PORT) as the local scripts expect', () => {
    const kafka = services['kafka'];
    expect(kafka.image).toBe('apache/kafka:3.9.1');
    expect(kafka.environment?.['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(kafka.ports).toEqual(['127.0.0.1:${KAFKA_PORT:-19092}:19092']);
    expect(kafka.environment?.['KAFKA_ADVERTISED_LISTENERS']).toContain('HOST://127.0.0.1:${KAFKA_PORT:-19092}');
    expect(kafka.environment?.['KAFKA_AUTO_CREATE_TOPICS_ENABLE']).toBe('false');
    expect(services['postgres'].image).toBe('postgres:15');
    expect(services['postgres'].environment?.['POSTGRES_DB']).toBe('herald');
  });

  it('every long-running container has a healthcheck and every dependency waits for health (or a finished one-shot)', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (name !== 'topics')
        expect({ name, healthcheck: Boolean(svc.healthcheck) }).toEqual({ name, healthcheck: true });
      for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
        expect({ name, dep, condition }).toEqual({
          name,
          dep,
          condition: dep === 'topics' ? 'service_completed_successfully' : 'service_healthy',
        });
      }
    }
  });

  it('publishes ports on loopback only', () => {
    const ports = Object.values(services).flatMap((s) => s.ports ?? []);
    expect(ports.filter((p) => !p.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('sets only config keys the services and the simulator declare (a typo would be silently ignored)', () => {
    const known = new Set([
      ...configKeys(ServiceConfigClasses).keys(),
      ...configKeys([SimulatorConfig]).keys(),
      'HERALD_SERVICE',
    ]);
    for (const name of [...ServiceTopology.map((s) => s.name), SIMULATOR.name, 'topics']) {
      const unknown = Object.keys(services[name].environment ?? {}).filter((k) => !known.has(k));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });

  it('mounts files that exist: Prometheus config and alerts, Grafana provisioning and dashboards', () => {
    const mounts = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('./'));
    expect(mounts.length).toBeGreaterThanOrEqual(5);
    for (const m of mounts)
      expect({ mount: m, exists: fs.existsSync(path.join(root, m.split(':')[0])) }).toEqual({ mount: m, exists: true });
    expect(fs.existsSync(path.join(root, 'deploy/prometheus/alerts.yml'))).toBe(true);
  });
});

describe('deploy/docker/Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(root, 'deploy/docker/Dockerfile'), 'utf8');
  const entrypoint = fs.readFileSync(path.join(root, 'deploy/docker/entrypoint.sh'), 'utf8');

  it('is multi-stage on node:20-slim and builds with tsc', () => {
    expect(dockerfile.match(/^FROM node:20-slim AS \w+$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npx tsc -p tsconfig\.build\.json/);
  });

  it('copies only paths that exist in the build context', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(sources.filter((s) => !fs.existsSync(path.join(root, s)))).toEqual([]);
  });

  it('the entrypoint accepts exactly the services of the topology and the simulator', () => {
    const accepted = /^\s*([\w|-]+)\) ;;$/m.exec(entrypoint)?.[1].split('|');
    expect(accepted?.sort()).toEqual([...ServiceTopology.map((s) => s.name), SIMULATOR.name].sort());
    expect(entrypoint).toContain(
      'exec node --no-memory-reducer -r ./tools/runtime/register.js "dist/apps/${HERALD_SERVICE}/src/main.js"',
    );
  });
});
