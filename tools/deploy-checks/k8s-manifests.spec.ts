import fs from 'node:fs';
import path from 'node:path';
import { dlqTopicOf, TopicSpecs } from '@herald/contracts';
import {
  configKeys,
  isSecretKey,
  PER_WORKLOAD_KEYS,
  secretKeysOf,
  serviceSecretOf,
  ServiceConfigOf,
  SHARED_SECRET,
  SHARED_SECRET_KEYS,
} from './config-keys';
import { kafkaPrincipals, kafkaUserOf, KEDA_USER } from './kafka-principals';
import type { KafkaUserManifest } from './kafka-user.manifests';
import { repoRoot } from './generated-file';
import { build, readKustomization, readYamlDocs, referencedFiles, type Manifest } from './kustomize-lite';
import { validateManifest } from './manifest-validation';
import { MEMORY } from './workload.manifests';
import { ScalingProfiles } from './scaled-object.manifests';
import { HeraldServiceNames, ServiceTopology, type HeraldServiceName } from './service-topology';

const root = repoRoot();
const k8s = path.join(root, 'deploy/k8s');
const KUSTOMIZE_DIRS = ['base', 'overlays/dev', 'overlays/prod'];
const OVERLAYS = ['overlays/dev', 'overlays/prod'];

type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
};
type Container = {
  name: string;
  env?: EnvVar[];
  ports?: Array<{ name: string; containerPort: number }>;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
} & Record<string, unknown>;
const containerOf = (d: Manifest) =>
  (d as unknown as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers[0];
const named = (ms: Manifest[], kind: string, name: string) =>
  ms.find((m) => m.kind === kind && m.metadata.name === name);
const built = Object.fromEntries(OVERLAYS.map((o) => [o, build(path.join(k8s, o))]));

describe('deploy/k8s kustomizations', () => {
  it.each(KUSTOMIZE_DIRS)('%s/kustomization.yaml lists every file of its folder, and only existing ones', (dir) => {
    const full = path.join(k8s, dir);
    const files = fs
      .readdirSync(full)
      .filter((f) => f !== 'kustomization.yaml' && /\.ya?ml$/.test(f))
      .sort();
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
    expect(
      ms
        .filter((m) => m.kind !== 'Namespace')
        .every((m) => m.metadata.namespace === readKustomization(path.join(k8s, overlay)).namespace),
    ).toBe(true);
  });

  it('rejects what a typo would produce (the validators are not vacuous)', () => {
    const deployment = named(built['overlays/dev'], 'Deployment', 'templating') as Manifest;
    const broken = structuredClone(deployment) as unknown as {
      spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
    };
    broken.spec.template.spec.containers[0]['ports'] = [{ containerPort: 'http' }];
    expect(validateManifest(broken).join()).toMatch(/containerPort must be integer/);
    const topic = structuredClone(named(built['overlays/dev'], 'KafkaTopic', 'sms.requested.v1')) as unknown as {
      spec: Record<string, unknown>;
    };
    topic.spec['partition'] = 6;
    expect(validateManifest(topic).join()).toMatch(/additional properties/);
    const user = structuredClone(named(built['overlays/dev'], 'KafkaUser', 'herald-dispatch')) as unknown as {
      spec: { authorization: { acls: Array<{ operations: string[] }> } };
    };
    user.spec.authorization.acls[0].operations = ['read'];
    expect(validateManifest(user).join()).toMatch(/must be equal to one of the allowed values/);
  });
});

describe.each(OVERLAYS)('services in %s', (overlay) => {
  const ms = built[overlay];
  it.each(ServiceTopology.map((s) => [s.name, s] as const))(
    '%s: Deployment, Service and PDB agree on port, labels, probes and budget',
    (_name, s) => {
      const d = named(ms, 'Deployment', s.name) as Manifest & {
        spec: {
          selector: { matchLabels: Record<string, string> };
          template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> } };
        };
      };
      const c = containerOf(d);
      const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
      expect(env['HERALD_SERVICE']).toBe(s.name);
      expect(env['HTTP_PORT']).toBe(String(s.port));
      expect(env['MGMT_PORT']).toBe(String(s.mgmtPort));
      expect(c.ports?.map((p) => [p.name, p.containerPort])).toEqual([
        ['http', s.port],
        ['mgmt', s.mgmtPort],
      ]);
      // Probes and the scrape on the management port; the API port answers 404 for them (issue 19).
      type Probe = { httpGet: { path: string; port: string } };
      expect(['startupProbe', 'livenessProbe', 'readinessProbe'].map((k) => (c[k] as Probe).httpGet)).toEqual([
        { path: '/health/live', port: 'mgmt' },
        { path: '/health/live', port: 'mgmt' },
        { path: '/health/ready', port: 'mgmt' },
      ]);
      expect(c.resources.requests['memory']).toBe(MEMORY.request);
      expect(c.resources.limits['memory']).toBe(MEMORY.limit);
      expect(d.spec.template.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(s.mgmtPort),
        'prometheus.io/path': '/metrics',
      });
      const podLabels = d.spec.template.metadata.labels;
      for (const kind of ['Service', 'PodDisruptionBudget']) {
        const m = named(ms, kind, s.name) as unknown as {
          spec: { selector: Record<string, unknown> & { matchLabels?: Record<string, string> } };
        };
        const selector = m.spec.selector.matchLabels ?? (m.spec.selector as Record<string, string>);
        expect(podLabels).toMatchObject(selector);
      }
      // The Service (and any ingress in front of it) carries the API only, never the management port.
      expect(
        (
          named(ms, 'Service', s.name) as unknown as { spec: { ports: Array<{ port: number; targetPort: string }> } }
        ).spec.ports.map((p) => [p.port, p.targetPort]),
      ).toEqual([[s.port, 'http']]);
    },
  );

  it('ScaledObjects: one per service, a kafka trigger per consumed topic on the service group, brokers as in the ConfigMap', () => {
    const brokers = (named(ms, 'ConfigMap', 'herald-config') as unknown as { data: Record<string, string> }).data[
      'KAFKA_BROKERS'
    ];
    const profile = ScalingProfiles.find((p) => `overlays/${p.overlay}` === overlay);
    expect(profile?.bootstrapServers).toBe(brokers);
    for (const s of ServiceTopology) {
      const so = named(ms, 'ScaledObject', s.name) as unknown as {
        spec: {
          scaleTargetRef: { name: string };
          maxReplicaCount: number;
          triggers: Array<{ metadata: Record<string, string>; authenticationRef?: { name: string } }>;
        };
      };
      expect(named(ms, 'Deployment', so.spec.scaleTargetRef.name)).toBeDefined();
      expect(so.spec.triggers.map((t) => t.metadata['topic'])).toEqual([...s.consumes]);
      for (const t of so.spec.triggers) {
        expect(t.metadata).toMatchObject({
          consumerGroup: s.name,
          bootstrapServers: brokers,
          lagThreshold: String(s.lagThreshold),
        });
        if (t.authenticationRef) expect(named(ms, 'TriggerAuthentication', t.authenticationRef.name)).toBeDefined();
      }
      expect(so.spec.maxReplicaCount).toBeLessThanOrEqual(Math.max(...s.consumes.map((t) => TopicSpecs[t].partitions)));
    }
  });
});

describe("config: the ConfigMap and each pod's Secrets cover exactly its config class", () => {
  const base = build(path.join(k8s, 'base'));
  const configMap = (named(base, 'ConfigMap', 'herald-config') as unknown as { data: Record<string, string> }).data;
  const secretData = (name: string) =>
    (named(base, 'Secret', name) as unknown as { stringData: Record<string, string> } | undefined)?.stringData;
  const podOf = (service: HeraldServiceName) => {
    const c = containerOf(named(base, 'Deployment', service) as Manifest) as Container & {
      env: EnvVar[];
      envFrom: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
    };
    const fromSecrets = c.envFrom.flatMap((e) => (e.secretRef ? Object.keys(secretData(e.secretRef.name) ?? {}) : []));
    const fromSecretRefs = c.env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    const fromConfigMap = c.envFrom.some((e) => e.configMapRef?.name === 'herald-config') ? Object.keys(configMap) : [];
    return {
      c,
      secrets: [...fromSecrets, ...fromSecretRefs].sort(),
      all: new Set([...fromConfigMap, ...fromSecrets, ...c.env.map((e) => e.name)]),
    };
  };

  it('the ConfigMap holds every non-secret key and no credential', () => {
    const expected = [...configKeys().keys()].filter((k) => !PER_WORKLOAD_KEYS.has(k) && !isSecretKey(k));
    expect(Object.keys(configMap).sort()).toEqual(expected.sort());
  });

  it.each(HeraldServiceNames)('%s sees every key of its config class', (service) => {
    const { all } = podOf(service);
    expect([...configKeys([ServiceConfigOf[service]]).keys()].filter((k) => !all.has(k))).toEqual([]);
  });

  it.each(HeraldServiceNames)(
    '%s mounts only the credentials its config class declares, and its own Kafka password',
    (service) => {
      const { c, secrets } = podOf(service);
      expect(secrets).toEqual([...secretKeysOf(service), 'KAFKA_SASL_PASSWORD'].sort());
      const env = Object.fromEntries(c.env.map((e) => [e.name, e]));
      expect(env['KAFKA_SASL_USERNAME'].value).toBe(kafkaUserOf(service));
      expect(env['KAFKA_SASL_PASSWORD'].valueFrom?.secretKeyRef).toEqual({
        name: kafkaUserOf(service),
        key: 'password',
        optional: true,
      });
      for (const key of SHARED_SECRET_KEYS)
        if (env[key]) expect(env[key].valueFrom?.secretKeyRef).toEqual({ name: SHARED_SECRET, key });
    },
  );

  it('carrier passwords, API keys and admin tokens reach only the service that uses them', () => {
    const seenBy = (key: string) => HeraldServiceNames.filter((s) => podOf(s).secrets.includes(key));
    expect(seenBy('DISPATCH_SMPP_PASSWORD')).toEqual(['dispatch']);
    expect(seenBy('DISPATCH_HTTP_CARRIER_TOKEN')).toEqual(['dispatch']);
    expect(seenBy('INGEST_API_KEYS')).toEqual(['event-ingest']);
    expect(seenBy('TEMPLATING_ADMIN_TOKEN')).toEqual(['templating']);
    expect(seenBy('COMPLIANCE_ADMIN_TOKENS')).toEqual(['compliance']);
    expect(seenBy('KAFKA_SASL_USERNAME')).toEqual([]);
  });

  it('each credential lives in exactly one Secret: shared keys in herald-shared-keys, the rest in <service>-secrets', () => {
    const secrets = base.filter((m) => m.kind === 'Secret') as unknown as Array<{
      metadata: { name: string };
      stringData: Record<string, string>;
    }>;
    expect(secrets.map((x) => x.metadata.name).sort()).toEqual(
      [SHARED_SECRET, ...HeraldServiceNames.map(serviceSecretOf)].sort(),
    );
    expect(Object.keys(secretData(SHARED_SECRET)!).sort()).toEqual([...SHARED_SECRET_KEYS].sort());
    for (const service of HeraldServiceNames) {
      expect(Object.keys(secretData(serviceSecretOf(service))!).sort()).toEqual(
        secretKeysOf(service)
          .filter((k) => !SHARED_SECRET_KEYS.has(k))
          .sort(),
      );
    }
  });

  it("the dev overlay fills every credential but the optional carrier ones, and the simulator reads dispatch's SMPP password", () => {
    const dev = built['overlays/dev'];
    const empty = dev
      .filter((m) => m.kind === 'Secret')
      .flatMap((m) =>
        Object.entries((m as unknown as { stringData: Record<string, string> }).stringData)
          .filter(([, v]) => v === '')
          .map(([k]) => `${m.metadata.name}/${k}`),
      );
    expect(empty.sort()).toEqual([
      'dispatch-secrets/DISPATCH_HTTP_CARRIER_TOKEN',
      'dispatch-secrets/DISPATCH_SMPP_PASSWORD_2',
    ]);
    const sim = containerOf(named(dev, 'Deployment', 'smsc-simulator') as Manifest) as Container & { env: EnvVar[] };
    expect(sim.env.find((e) => e.name === 'SIM_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: serviceSecretOf('dispatch'),
      key: 'DISPATCH_SMPP_PASSWORD',
    });
  });

  const envExample = path.join(root, '.env.example');
  (fs.existsSync(envExample) ? it : it.skip)(
    'every ConfigMap/Secret key is documented in .env.example (skipped while it does not exist)',
    () => {
      const documented = new Set(
        fs
          .readFileSync(envExample, 'utf8')
          .split('\n')
          .map((l) => /^\s*#?\s*([A-Z][A-Z0-9_]+)=/.exec(l)?.[1])
          .filter(Boolean),
      );
      expect(
        [...configKeys().keys()]
          .filter((k) => !PER_WORKLOAD_KEYS.has(k) || k.startsWith('KAFKA_SASL_'))
          .filter((k) => !documented.has(k)),
      ).toEqual([]);
    },
  );
});

describe('Kafka users: one SCRAM principal per service and one for KEDA', () => {
  const base = build(path.join(k8s, 'base'));
  const users = base.filter((m) => m.kind === 'KafkaUser') as unknown as KafkaUserManifest[];

  it('one KafkaUser per principal, with exactly the derived ACLs', () => {
    expect(users.map((u) => u.metadata.name)).toEqual([...HeraldServiceNames.map(kafkaUserOf), KEDA_USER]);
    for (const p of kafkaPrincipals()) {
      const u = users.find((x) => x.metadata.name === p.user)!;
      expect(u.spec.authentication.type).toBe('scram-sha-512');
      expect(u.spec.authorization.acls.map(({ resource, operations }) => ({ resource, operations }))).toEqual(p.acls);
    }
  });

  it('every topic an ACL names has a KafkaTopic: no grant on a topic the cluster does not have', () => {
    const topics = new Set(
      (base.filter((m) => m.kind === 'KafkaTopic') as unknown as Array<{ spec: { topicName: string } }>).map(
        (t) => t.spec.topicName,
      ),
    );
    const named = users
      .flatMap((u) => u.spec.authorization.acls.map((a) => a.resource))
      .flatMap((r) => (r.type === 'topic' ? [r.name] : []));
    expect(named.filter((t) => !topics.has(t))).toEqual([]);
  });

  it("prod KEDA authenticates as herald-keda: username Secret and the User Operator's password Secret", () => {
    const prod = built['overlays/prod'];
    const auth = named(prod, 'TriggerAuthentication', 'herald-kafka-keda') as unknown as {
      spec: { secretTargetRef: Array<{ parameter: string; name: string; key: string }> };
    };
    const ref = Object.fromEntries(auth.spec.secretTargetRef.map((r) => [r.parameter, r]));
    const username = named(prod, 'Secret', ref['username'].name) as unknown as { stringData: Record<string, string> };
    expect(username.stringData[ref['username'].key]).toBe(KEDA_USER);
    expect(ref['password']).toMatchObject({ name: KEDA_USER, key: 'password' });
    expect(named(prod, 'KafkaUser', KEDA_USER)).toBeDefined();
  });
});

describe('Kafka topics', () => {
  const topics = build(path.join(k8s, 'base')).filter((m) => m.kind === 'KafkaTopic') as unknown as Array<{
    spec: { topicName: string; partitions: number; config: Record<string, unknown> };
  }>;

  it('one KafkaTopic per registry topic and per DLQ, with its partitions and policy', () => {
    const expected = Object.values(TopicSpecs).flatMap((s) => [s.name, dlqTopicOf(s.name)]);
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(expected.sort());
    for (const s of Object.values(TopicSpecs)) {
      const t = topics.find((x) => x.spec.topicName === s.name)!;
      expect(t.spec.partitions).toBe(s.partitions);
      expect(t.spec.config['cleanup.policy']).toBe(s.compacted ? 'compact' : undefined);
      expect(t.spec.config['retention.ms']).toBe(s.retentionMs);
      expect(
        topics.find((x) => x.spec.topicName === dlqTopicOf(s.name))!.spec.config['cleanup.policy'],
      ).toBeUndefined();
    }
  });

  it('deploy/topics/topics.json (local platform) agrees with the registry', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'deploy/topics/topics.json'), 'utf8')) as Array<{
      name: string;
      partitions: number;
      compacted: boolean;
      retentionMs?: number;
    }>;
    const fromRegistry = Object.values(TopicSpecs).map((s) => ({
      name: s.name,
      partitions: s.partitions,
      compacted: s.compacted,
      ...(s.retentionMs === undefined ? {} : { retentionMs: s.retentionMs }),
    }));
    expect([...manifest].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      fromRegistry.sort((a, b) => a.name.localeCompare(b.name)),
    );
  });
});
