import { secretKeysOf, serviceSecretOf, SHARED_SECRET, SHARED_SECRET_KEYS } from './config-keys';
import { kafkaUserOf } from './kafka-principals';
import type { ServiceNode } from './service-topology';

export const IMAGE = 'herald';
export const CONFIG_MAP = 'herald-config';
export const CARRIERS_CONFIG_MAP = 'dispatch-carriers';
export const CARRIERS_MOUNT = '/etc/herald/carriers';

/** The budget every service is held to (DESIGN: <= 200 MB RSS at peak); overlays change CPU, not this. */
export const MEMORY = { request: '200Mi', limit: '256Mi' } as const;
// V8 must collect before the cgroup limit kills the pod: heap cap well under 256Mi. The young
// generation at 8 MB semi-spaces, not 16 (16 MB less at peak, no throughput change in the bench).
const NODE_OPTIONS = '--max-old-space-size=160 --max-semi-space-size=8';

type Json = Record<string, unknown>;

const labelsOf = (s: ServiceNode) => ({
  'app.kubernetes.io/name': s.name,
  'app.kubernetes.io/part-of': 'herald',
  'app.kubernetes.io/component': 'pipeline-stage',
});
const selectorOf = (s: ServiceNode) => ({ 'app.kubernetes.io/name': s.name });

// Probes and the scrape go to the management port (MGMT_PORT), which the Service does not expose.
function probe(path: string, periodSeconds: number, failureThreshold: number): Json {
  return { httpGet: { path, port: 'mgmt' }, periodSeconds, timeoutSeconds: 2, failureThreshold };
}

/**
 * Each pod sees only its own credentials: its Kafka principal (the password from the Secret the
 * Strimzi User Operator writes for its KafkaUser), the shared keys its config class declares, and
 * its own Secret. `optional`: a PLAINTEXT dev cluster needs no password, and with SASL_SSL a missing
 * one stops the service at start with one line naming KAFKA_SASL_PASSWORD.
 */
function credentialEnv(s: ServiceNode): Json[] {
  const user = kafkaUserOf(s.name);
  const shared = secretKeysOf(s.name).filter((k) => SHARED_SECRET_KEYS.has(k));
  return [
    { name: 'KAFKA_SASL_USERNAME', value: user },
    { name: 'KAFKA_SASL_PASSWORD', valueFrom: { secretKeyRef: { name: user, key: 'password', optional: true } } },
    ...shared.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: SHARED_SECRET, key } } })),
  ];
}

function container(s: ServiceNode): Json {
  const mounts: Json[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if (s.name === 'dispatch') mounts.push({ name: 'carriers', mountPath: CARRIERS_MOUNT, readOnly: true });
  return {
    name: s.name,
    image: IMAGE,
    imagePullPolicy: 'IfNotPresent',
    env: [
      { name: 'HERALD_SERVICE', value: s.name },
      { name: 'HTTP_PORT', value: String(s.port) },
      { name: 'MGMT_PORT', value: String(s.mgmtPort) },
      { name: 'NODE_OPTIONS', value: NODE_OPTIONS },
      ...credentialEnv(s),
    ],
    envFrom: [{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: serviceSecretOf(s.name) } }],
    ports: [
      { name: 'http', containerPort: s.port, protocol: 'TCP' },
      { name: 'mgmt', containerPort: s.mgmtPort, protocol: 'TCP' },
    ],
    // Startup covers migrations on first boot; after that liveness only restarts a wedged process.
    startupProbe: probe('/health/live', 2, 60),
    livenessProbe: probe('/health/live', 10, 3),
    readinessProbe: probe('/health/ready', 5, 3),
    resources: { requests: { cpu: '100m', memory: MEMORY.request }, limits: { cpu: '1', memory: MEMORY.limit } },
    // The endpoints controller needs a moment to stop routing here before the drain starts.
    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: mounts,
  };
}

function volumes(s: ServiceNode): Json[] {
  const list: Json[] = [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  if (s.name === 'dispatch') list.push({ name: 'carriers', configMap: { name: CARRIERS_CONFIG_MAP } });
  return list;
}

export function deploymentOf(s: ServiceNode): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: s.name, labels: labelsOf(s), annotations: { 'herald.dev/summary': s.summary } },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorOf(s) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labelsOf(s),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(s.mgmtPort),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          // SHUTDOWN_TIMEOUT_MS (15 s) + preStop (5 s) + margin: in-flight batches drain before SIGKILL.
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [container(s)],
          volumes: volumes(s),
        },
      },
    },
  };
}

/** The API port only: the management port (health, metrics) is reached on the pod address, never through the Service. */
export function serviceOf(s: ServiceNode): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: s.name, labels: labelsOf(s) },
    spec: {
      type: 'ClusterIP',
      selector: selectorOf(s),
      ports: [{ name: 'http', port: s.port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

/** maxUnavailable rather than minAvailable: a one-replica dev namespace can still be drained. */
export function podDisruptionBudgetOf(s: ServiceNode): Json {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: s.name, labels: labelsOf(s) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(s) } },
  };
}
