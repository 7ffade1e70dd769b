import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import type { AclOperation, AclRule, KafkaPrincipal } from './kafka-principals';

const OPERATIONS: Record<AclOperation, AclOperationTypes> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Describe: AclOperationTypes.DESCRIBE,
  IdempotentWrite: AclOperationTypes.IDEMPOTENT_WRITE,
};

// Kafka names the one cluster resource `kafka-cluster`.
const CLUSTER_RESOURCE = 'kafka-cluster';

function resourceOf(rule: AclRule): Pick<AclEntry, 'resourceType' | 'resourceName' | 'resourcePatternType'> {
  const r = rule.resource;
  if (r.type === 'cluster')
    return {
      resourceType: AclResourceTypes.CLUSTER,
      resourceName: CLUSTER_RESOURCE,
      resourcePatternType: ResourcePatternTypes.LITERAL,
    };
  return {
    resourceType: r.type === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: r.name,
    resourcePatternType: ResourcePatternTypes.LITERAL,
  };
}

/**
 * The same rules Strimzi applies from a KafkaUser, as Admin API ACL bindings (one per operation):
 * what `kafka-acls --add` or `admin.createAcls` takes on a cluster without the User Operator.
 */
export function aclBindingsOf(p: KafkaPrincipal): AclEntry[] {
  return p.acls.flatMap((rule) =>
    rule.operations.map((op) => ({
      ...resourceOf(rule),
      principal: `User:${p.user}`,
      host: '*',
      operation: OPERATIONS[op],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}
