import { dlqTopicOf, TopicSpecs, type TopicSpec } from '@herald/contracts';

export const STRIMZI_CLUSTER = 'herald';
export const KAFKA_TOPIC_API_VERSION = 'kafka.strimzi.io/v1beta2';

/** Replication for a 3-broker cluster; overlays/dev patches every KafkaTopic down to 1. */
export const TOPIC_REPLICAS = 3;
export const MIN_INSYNC_REPLICAS = 2;

// Long enough for an operator to look at a dead letter and replay it after a weekend incident.
const DLQ_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

export interface KafkaTopicManifest {
  apiVersion: typeof KAFKA_TOPIC_API_VERSION;
  kind: 'KafkaTopic';
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: { topicName: string; partitions: number; replicas: number; config: Record<string, string | number> };
}

/** Kubernetes names allow [a-z0-9.-]; Kafka names also allow `_`, so the real name goes in spec.topicName. */
export const resourceNameOf = (topic: string): string => topic.toLowerCase().replace(/_/g, '-');

function manifest(
  topic: string,
  description: string,
  partitions: number,
  config: Record<string, string | number>,
): KafkaTopicManifest {
  return {
    apiVersion: KAFKA_TOPIC_API_VERSION,
    kind: 'KafkaTopic',
    metadata: {
      name: resourceNameOf(topic),
      labels: { 'strimzi.io/cluster': STRIMZI_CLUSTER, 'app.kubernetes.io/part-of': 'herald' },
      annotations: { 'herald.dev/description': description },
    },
    spec: {
      topicName: topic,
      partitions,
      replicas: TOPIC_REPLICAS,
      config: { 'min.insync.replicas': MIN_INSYNC_REPLICAS, ...config },
    },
  };
}

function topicConfig(spec: TopicSpec): Record<string, string | number> {
  const config: Record<string, string | number> = {};
  if (spec.compacted) config['cleanup.policy'] = 'compact';
  if (spec.retentionMs !== undefined) config['retention.ms'] = spec.retentionMs;
  return config;
}

/**
 * Every registry topic and its `.dlq`. A DLQ keeps its source's partition count (a replay keeps
 * key -> partition order) and is never compacted: dead letters sharing a key must all be kept.
 */
export function kafkaTopicManifests(): KafkaTopicManifest[] {
  return Object.values(TopicSpecs).flatMap((spec) => [
    manifest(spec.name, spec.description, spec.partitions, topicConfig(spec)),
    manifest(
      dlqTopicOf(spec.name),
      `Dead letters of ${spec.name}, with x-error-* and x-original-* headers; values encrypted under the PII key (docs/operations/dead-letters.md).`,
      spec.partitions,
      {
        'retention.ms': DLQ_RETENTION_MS,
      },
    ),
  ]);
}
