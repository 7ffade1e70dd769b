import { dlqTopicOf, TopicSpecs, Topics, type TopicName } from '@herald/contracts';
import { consumerGroupOf, ServiceTopology, type HeraldServiceName, type ServiceNode } from './service-topology';

// Least privilege on the broker (issue 19): one SCRAM principal per service and one for KEDA's lag
// reader, each allowed exactly what its code does. The rules are data (Strimzi's KafkaUser ACL
// shape) so the manifests, the docs and the SASL broker test all read the same list.

export type AclOperation = 'Read' | 'Write' | 'Describe' | 'IdempotentWrite';

export interface AclRule {
  resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' } | { type: 'cluster' };
  operations: AclOperation[];
}

export interface KafkaPrincipal {
  /** The SCRAM user name; Strimzi names the user's password Secret the same. */
  user: string;
  /** Deployment that runs as this principal (KEDA's is not Herald's). */
  workload: HeraldServiceName | 'keda';
  summary: string;
  acls: AclRule[];
}

export const KEDA_USER = 'herald-keda';
export const kafkaUserOf = (service: HeraldServiceName): string => `herald-${service}`;

const OPERATION_ORDER: readonly AclOperation[] = ['Read', 'Write', 'Describe', 'IdempotentWrite'];

/** Topic -> operations, merged when a topic is both read and written (compliance's sms.optouts.v1). */
class TopicGrants {
  private readonly grants = new Map<string, Set<AclOperation>>();

  grant(topic: string, ...operations: AclOperation[]): void {
    const ops = this.grants.get(topic) ?? this.grants.set(topic, new Set()).get(topic)!;
    for (const op of operations) ops.add(op);
  }

  rules(): AclRule[] {
    return [...this.grants].map(([name, ops]) => ({
      resource: { type: 'topic', name, patternType: 'literal' },
      operations: OPERATION_ORDER.filter((op) => ops.has(op)),
    }));
  }
}

/**
 * What a service writes: its declared outputs, plus sms.status.v1 when it consumes a topic whose
 * dead letters also emit a `failed` status (the engine does that for it, libs/kafka).
 */
export function topicsWrittenBy(s: ServiceNode): TopicName[] {
  const failedStatuses = s.consumes.some((t) => TopicSpecs[t].failedStatusOnDeadLetter);
  return [...new Set<TopicName>([...s.produces, ...(failedStatuses ? [Topics.SmsStatusV1] : [])])];
}

/**
 * Inputs: Read + Describe, and Read on the service's own group (join, commit, and the lag monitor's
 * offset fetch). Outputs and the DLQ of every input: Write + Describe. Producers are idempotent:
 * IdempotentWrite on the cluster. Nothing else: no Create (topics come from KafkaTopic manifests),
 * no Alter, no other group.
 */
export function servicePrincipal(s: ServiceNode): KafkaPrincipal {
  const topics = new TopicGrants();
  for (const t of s.consumes) topics.grant(t, 'Read', 'Describe');
  for (const t of topicsWrittenBy(s)) topics.grant(t, 'Write', 'Describe');
  for (const t of s.consumes) topics.grant(dlqTopicOf(t), 'Write', 'Describe');
  return {
    user: kafkaUserOf(s.name),
    workload: s.name,
    summary: `${s.name}: reads ${s.consumes.length} topic(s) in group ${consumerGroupOf(s)}, writes ${topicsWrittenBy(s).join(', ')} and its DLQs.`,
    acls: [
      ...topics.rules(),
      {
        resource: { type: 'group', name: consumerGroupOf(s), patternType: 'literal' },
        operations: ['Read', 'Describe'],
      },
      { resource: { type: 'cluster' }, operations: ['IdempotentWrite'] },
    ],
  };
}

/** KEDA's Kafka scaler only reads offsets: topic metadata and log-end offsets, and each group's committed offsets. */
export function kedaPrincipal(): KafkaPrincipal {
  const topics = new TopicGrants();
  for (const s of ServiceTopology) for (const t of s.consumes) topics.grant(t, 'Describe');
  return {
    user: KEDA_USER,
    workload: 'keda',
    summary: 'KEDA lag reader: describes the consumed topics and the five consumer groups, reads and writes nothing.',
    acls: [
      ...topics.rules(),
      ...ServiceTopology.map((s): AclRule => ({
        resource: { type: 'group', name: consumerGroupOf(s), patternType: 'literal' },
        operations: ['Describe'],
      })),
    ],
  };
}

export function kafkaPrincipals(): KafkaPrincipal[] {
  return [...ServiceTopology.map(servicePrincipal), kedaPrincipal()];
}

export function principalOf(workload: KafkaPrincipal['workload']): KafkaPrincipal {
  const found = kafkaPrincipals().find((p) => p.workload === workload);
  if (!found) throw new Error(`no Kafka principal for ${workload}`);
  return found;
}
