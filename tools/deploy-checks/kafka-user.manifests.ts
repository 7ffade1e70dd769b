import { kafkaPrincipals, type AclRule, type KafkaPrincipal } from './kafka-principals';
import { KAFKA_TOPIC_API_VERSION, STRIMZI_CLUSTER } from './kafka-topic.manifests';

export interface KafkaUserManifest {
  apiVersion: typeof KAFKA_TOPIC_API_VERSION;
  kind: 'KafkaUser';
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    authentication: { type: 'scram-sha-512' };
    authorization: { type: 'simple'; acls: Array<AclRule & { host: '*'; type: 'allow' }> };
  };
}

/**
 * One Strimzi KafkaUser per principal. The User Operator creates the SCRAM credentials in a Secret
 * named like the user (key `password`), which the service's Deployment (or KEDA's
 * TriggerAuthentication) reads, and applies exactly these ACLs.
 */
export function kafkaUserManifestOf(p: KafkaPrincipal): KafkaUserManifest {
  return {
    apiVersion: KAFKA_TOPIC_API_VERSION,
    kind: 'KafkaUser',
    metadata: {
      name: p.user,
      labels: { 'strimzi.io/cluster': STRIMZI_CLUSTER, 'app.kubernetes.io/part-of': 'herald' },
      annotations: { 'herald.dev/description': p.summary },
    },
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: { type: 'simple', acls: p.acls.map((a) => ({ ...a, host: '*', type: 'allow' })) },
    },
  };
}

export const kafkaUserManifests = (): KafkaUserManifest[] => kafkaPrincipals().map(kafkaUserManifestOf);
