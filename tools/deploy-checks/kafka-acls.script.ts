import { kafkaPrincipals, type AclRule } from './kafka-principals';

// The same ACLs as the KafkaUsers, for a cluster without the Strimzi User Operator: one
// `kafka-acls --add` per rule (the tool ships with Kafka). SCRAM users are created separately
// (`kafka-configs --alter --add-config 'SCRAM-SHA-512=[password=...]' --entity-type users`).

function resourceFlags(rule: AclRule): string {
  const r = rule.resource;
  if (r.type === 'cluster') return '--cluster';
  return `--${r.type} '${r.name}' --resource-pattern-type ${r.patternType}`;
}

export function kafkaAclsScript(header: string): string {
  const lines = kafkaPrincipals().flatMap((p) => [
    '',
    `# ${p.summary}`,
    ...p.acls.map(
      (rule) =>
        `acl --allow-principal 'User:${p.user}' --allow-host '*' ${rule.operations.map((op) => `--operation ${op}`).join(' ')} ${resourceFlags(rule)}`,
    ),
  ]);
  return [
    '#!/bin/sh',
    header.trimEnd(),
    '# Usage: KAFKA_BOOTSTRAP=broker:9093 KAFKA_ADMIN_CONFIG=admin.properties sh deploy/kafka/kafka-acls.generated.sh',
    '# (admin.properties: the SASL_SSL settings of a super user; KAFKA_ACLS: the tool, default kafka-acls.sh).',
    'set -eu',
    'acl() { "${KAFKA_ACLS:-kafka-acls.sh}" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$KAFKA_ADMIN_CONFIG" --add "$@"; }',
    ...lines,
    '',
  ].join('\n');
}
