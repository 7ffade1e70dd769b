import fs from 'node:fs';
import path from 'node:path';
import { dlqTopicOf, TopicSpecs } from '@herald/contracts';
import { configKeys, isSecretKey, PER_WORKLOAD_KEYS } from './config-keys';
import { repoRoot } from './generated-file';
import { build, readKustomization, readYamlDocs, referencedFiles, type Manifest } from './kustomize-lite';
import { validateManifest } from './manifest-validation';
import { MEMORY } from './workload.manifests';
import { ScalingProfiles } from './scaled-object.manifests';
import { ServiceTopology } from './service-topology';

const root = repoRoot();
const k8s = path.join(root, 'deploy/k8s');
const KUSTOMIZE_DIRS = ['base', 'overlays/dev', 'overlays/prod'];
const OVERLAYS = ['overlays/dev', 'overlays/prod'];

type Container = { name: string; env?: Array<{ name: string; value?: string }>; ports?: Array<{ containerPort: number }>; resources: { requests: Record<string, string>; limits: Record<string, string> } } & Record<string, unknown>;
const containerOf = (d: Manifest) => (d as unknown as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers[0];
const named = (ms: Manifest[], kind: string, name: string) => ms.find((m) => m.kind === kind && m.metadata.name === name);
const built = Object.fromEntries(OVERLAYS.map((o) => [o, build(path.join(k8s, o))]));

describe('deploy/k8s kustomizations', () => {
  it.each(KUSTOMIZE_DIRS)('%s/kustomization.yaml lists every file of its folder, and only existing ones', (dir) => {
    const full = path.join(k8s, dir);
    const files = fs.readdirSync(full).filter((f) => f !== 'kustomization.yaml' && /\.ya?ml$/.test(f)).sort();
    expect([...referencedFiles(full)].sort()).toEqual(files);
    for (const r of readKustomization(full).resources ?? []) expect(fs.existsSync(path.join(full, r))).toBe(true);
  });

  it.each(KUSTOMIZE_DIRS)('every resource file of %s is a valid manifest for its kind', (dir) => {
    const full = path.join(k8s, dir);
    const k = readKustomization(full);
    const problems: string[] = [];
    for (const r of k.resources ?? []) {
      if (fs.statSync(path.join(full, r)).isDirectory()) continue;
      for (const doc of readYamlDocs(path.join(full, r)) as Manifest[]) {
        for (const p of validateManifest(doc)) problems.push(`${dir}/${r} ${doc.kind}/${doc.metadata?.name}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(OVERLAYS)('the built %s overlay is valid after its patches, with unique names', (overlay) => {
    const ms = built[overlay];
    const problems = ms.flatMap((m) => validateManifest(m).map((p) => `${m.kind}/${m.metadata.name}: ${p}`));
    expect(problems).toEqual([]);
    const ids = ms.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(ids.length).toBe(new Set(ids).size);
    expect(ms.filter((m) => m.kind !== 'Namespace').every((m) => m.metadata.namespace === readKustomization(path.join(k8s, overlay)).namespace)).toBe(true);
  });

  it('rejects what a typo would produce (the validators are not vacuous)', () => {
    const deployment = named(built['overlays/dev'], 'Deployment', 'templating') as Manifest;
    const broken = structuredClone(deployment) as unknown as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } };
    broken.spec.template.spec.containers[0]['ports'] = [{ containerPort: 'http' }];
    expect(validateManifest(broken).join()).toMatch(/containerPort must be integer/);
    const topic = structuredClone(named(built['overlays/dev'], 'KafkaTopic', 'sms.requested.v1')) as unknown as { spec: Record<string, unknown> };
    topic.spec['partition'] = 6;
    expect(validateManifest(topic).join()).toMatch(/additional properties/);
  });
});

describe.each(OVERLAYS)('services in %s', (overlay) => {
  const ms = built[overlay];
  it.each(ServiceTopology.map((s) => [s.name, s] as const))('%s: Deployment, Service and PDB agree on port, labels, probes and budget', (_name, s) => {
    const d = named(ms, 'Deployment', s.name) as Manifest & { spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> } } } };
    const c = containerOf(d);
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
    expect(env['HERALD_SERVICE']).toBe(s.name);
    expect(env['HTTP_PORT']).toBe(String(s.port));
    expect(c.ports?.[0].containerPort).toBe(s.port);
    expect((c['livenessProbe'] as { httpGet: { path: string } }).httpGet.path).toBe('/health/live');
    expect((c['readinessProbe'] as { httpGet: { path: string } }).httpGet.path).toBe('/health/ready');
    expect(c.resources.requests['memory']).toBe(MEMORY.request);
    expect(c.resources.limits['memory']).toBe(MEMORY.limit);
    expect(d.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(s.port), 'prometheus.io/path': '/metrics' });
    const podLabels = d.spec.template.metadata.labels;
    for (const kind of ['Service', 'PodDisruptionBudget']) {
      const m = named(ms, kind, s.name) as unknown as { spec: { selector: Record<string, unknown> & { matchLabels?: Record<string, string> } } };
      const selector = m.spec.selector.matchLabels ?? (m.spec.selector as Record<string, string>);
      expect(podLabels).toMatchObject(selector);
    }
    expect((named(ms, 'Service', s.name) as unknown as { spec: { ports: Array<{ port: number }> } }).spec.ports[0].port).toBe(s.port);
  });

  it('ScaledObjects: one per service, a kafka trigger per consumed topic on the service group, brokers as in the ConfigMap', () => {
    const brokers = (named(ms, 'ConfigMap', 'herald-config') as unknown as { data: Record<string, string> }).data['KAFKA_BROKERS'];
    const profile = ScalingProfiles.find((p) => `overlays/${p.overlay}` === overlay);
    expect(profile?.bootstrapServers).toBe(brokers);
    for (const s of ServiceTopology) {
      const so = named(ms, 'ScaledObject', s.name) as unknown as { spec: { scaleTargetRef: { name: string }; maxReplicaCount: number; triggers: Array<{ metadata: Record<string, string>; authenticationRef?: { name: string } }> } };
      expect(named(ms, 'Deployment', so.spec.scaleTargetRef.name)).toBeDefined();
      expect(so.spec.triggers.map((t) => t.metadata['topic'])).toEqual([...s.consumes]);
      for (const t of so.spec.triggers) {
        expect(t.metadata).toMatchObject({ consumerGroup: s.name, bootstrapServers: brokers, lagThreshold: String(s.lagThreshold) });
        if (t.authenticationRef) expect(named(ms, 'TriggerAuthentication', t.authenticationRef.name)).toBeDefined();
      }
      expect(so.spec.maxReplicaCount).toBeLessThanOrEqual(Math.max(...s.consumes.map((t) => TopicSpecs[t].partitions)));
    }
  });
});

describe('config: ConfigMap + Secret cover exactly the config classes', () => {
  const base = build(path.join(k8s, 'base'));
  const configMap = (named(base, 'ConfigMap', 'herald-config') as unknown as { data: Record<string, string> }).data;
  const secret = (named(base, 'Secret', 'herald-secrets') as unknown as { stringData: Record<string, string> }).stringData;
  const expected = [...configKeys().keys()].filter((k) => !PER_WORKLOAD_KEYS.has(k));

  it('every key is in exactly one of them, credentials in the Secret', () => {
    expect([...Object.keys(configMap), ...Object.keys(secret)].sort()).toEqual([...expected].sort());
    expect(Object.keys(secret).filter((k) => !isSecretKey(k))).toEqual([]);
    expect(Object.keys(configMap).filter(isSecretKey)).toEqual([]);
  });

  it('non-secret values equal the class defaults except the in-cluster ones', () => {
    const clusterSpecific = new Set(['KAFKA_BROKERS', 'HTTP_HOST', 'DISPATCH_CARRIERS_FILE']);
    const defaults = configKeys();
    const differing = Object.entries(configMap).filter(([k, v]) => !clusterSpecific.has(k) && String(defaults.get(k) ?? '') !== v);
    expect(differing).toEqual([]);
  });

  const envExample = path.join(root, '.env.example');
  (fs.existsSync(envExample) ? it : it.skip)('every ConfigMap/Secret key is documented in .env.example (skipped while it does not exist)', () => {
    const documented = new Set(fs.readFileSync(envExample, 'utf8').split('\n').map((l) => /^\s*#?\s*([A-Z][A-Z0-9_]+)=/.exec(l)?.[1]).filter(Boolean));
    expect(expected.filter((k) => !documented.has(k))).toEqual([]);
  });
});

describe('Kafka topics', () => {
  const topics = build(path.join(k8s, 'base')).filter((m) => m.kind === 'KafkaTopic') as unknown as Array<{ spec: { topicName: string; partitions: number; config: Record<string, unknown> } }>;

  it('one KafkaTopic per registry topic and per DLQ, with its partitions and policy', () => {
    const expected = Object.values(TopicSpecs).flatMap((s) => [s.name, dlqTopicOf(s.name)]);
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(expected.sort());
    for (const s of Object.values(TopicSpecs)) {
      const t = topics.find((x) => x.spec.topicName === s.name)!;
      expect(t.spec.partitions).toBe(s.partitions);
      expect(t.spec.config['cleanup.policy']).toBe(s.compacted ? 'compact' : undefined);
      expect(t.spec.config['retention.ms']).toBe(s.retentionMs);
      expect(topics.find((x) => x.spec.topicName === dlqTopicOf(s.name))!.spec.config['cleanup.policy']).toBeUndefined();
    }
  });

  it('deploy/topics/topics.json (local platform) agrees with the registry', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'deploy/topics/topics.json'), 'utf8')) as Array<{ name: string; partitions: number; compacted: boolean; retentionMs?: number }>;
    const fromRegistry = Object.values(TopicSpecs).map((s) => ({ name: s.name, partitions: s.partitions, compacted: s.compacted, ...(s.retentionMs === undefined ? {} : { retentionMs: s.retentionMs }) }));
    expect([...manifest].sort((a, b) => a.name.localeCompare(b.name))).toEqual(fromRegistry.sort((a, b) => a.name.localeCompare(b.name)));
  });
});
