import { TopicSpecs } from '@herald/contracts';
import { consumerGroupOf, ServiceTopology, type ServiceNode } from './service-topology';

export const SCALED_OBJECT_API_VERSION = 'keda.sh/v1alpha1';
export const TRIGGER_AUTH_NAME = 'herald-kafka-keda';

/** What differs between the dev and prod clusters for autoscaling. */
export interface ScalingProfile {
  overlay: 'dev' | 'prod';
  bootstrapServers: string;
  minReplicaCount: number;
  /** KEDA reads SASL/TLS settings from a TriggerAuthentication when the listener needs them. */
  authenticated: boolean;
}

export const ScalingProfiles: readonly ScalingProfile[] = [
  { overlay: 'dev', bootstrapServers: 'herald-kafka-bootstrap:9092', minReplicaCount: 1, authenticated: false },
  { overlay: 'prod', bootstrapServers: 'herald-kafka-bootstrap:9093', minReplicaCount: 2, authenticated: true },
];

interface KafkaTrigger {
  type: 'kafka';
  name: string;
  metadata: Record<string, string>;
  authenticationRef?: { name: string };
}

export interface ScaledObjectManifest {
  apiVersion: typeof SCALED_OBJECT_API_VERSION;
  kind: 'ScaledObject';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    pollingInterval: number;
    cooldownPeriod: number;
    minReplicaCount: number;
    maxReplicaCount: number;
    triggers: KafkaTrigger[];
  };
}

// A replica beyond the partition count of its smallest topic would sit idle in the group.
const maxReplicasOf = (s: ServiceNode): number => Math.min(...s.consumes.map((t) => TopicSpecs[t].partitions));

function trigger(service: ServiceNode, topic: string, profile: ScalingProfile): KafkaTrigger {
  const t: KafkaTrigger = {
    type: 'kafka',
    name: `lag-${topic.replace(/[._]/g, '-')}`,
    metadata: {
      bootstrapServers: profile.bootstrapServers,
      consumerGroup: consumerGroupOf(service),
      topic,
      lagThreshold: String(service.lagThreshold),
      activationLagThreshold: '0',
      // Services subscribe fromBeginning, so a group without offsets will read everything: count it as lag.
      offsetResetPolicy: 'earliest',
    },
  };
  if (profile.authenticated) {
    Object.assign(t.metadata, { sasl: 'scram_sha512', tls: 'enable' });
    t.authenticationRef = { name: TRIGGER_AUTH_NAME };
  }
  return t;
}

/** One ScaledObject per service: one kafka trigger per consumed topic, on the service's own group. */
export function scaledObjectManifests(profile: ScalingProfile): ScaledObjectManifest[] {
  return ServiceTopology.map((s) => ({
    apiVersion: SCALED_OBJECT_API_VERSION,
    kind: 'ScaledObject',
    metadata: { name: s.name, labels: { 'app.kubernetes.io/name': s.name, 'app.kubernetes.io/part-of': 'herald' } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: s.name },
      pollingInterval: 15,
      // Scale down slowly: a rebalance pauses every partition of the group.
      cooldownPeriod: 300,
      minReplicaCount: profile.minReplicaCount,
      maxReplicaCount: Math.max(profile.minReplicaCount, maxReplicasOf(s)),
      triggers: s.consumes.map((topic) => trigger(s, topic, profile)),
    },
  }));
}
