// Writes the Kubernetes manifests derived from the topic registry and the service topology:
// Strimzi KafkaTopics and KafkaUsers (one principal per service, ACLs from kafka-principals.ts) and
// per-service Deployment/Service/PDB (base), KEDA ScaledObjects (one set per overlay).
//   npx tsc -p tsconfig.build.json && node -r ./tools/runtime/register.js dist/tools/deploy-checks/generate-manifests.js [--check]
import { generatedHeader, runGenerator, yamlDocuments, type GeneratedFile } from './generated-file';
import { kafkaAclsScript } from './kafka-acls.script';
import { kafkaTopicManifests } from './kafka-topic.manifests';
import { kafkaUserManifests } from './kafka-user.manifests';
import { ScalingProfiles, scaledObjectManifests } from './scaled-object.manifests';
import { ServiceTopology } from './service-topology';
import { deploymentOf, podDisruptionBudgetOf, serviceOf } from './workload.manifests';

const GENERATOR = 'tools/deploy-checks/generate-manifests.ts';

export const KAFKA_TOPICS_FILE = 'deploy/k8s/base/kafka-topics.generated.yaml';
export const KAFKA_USERS_FILE = 'deploy/k8s/base/kafka-users.generated.yaml';
export const KAFKA_ACLS_SCRIPT = 'deploy/kafka/kafka-acls.generated.sh';
export const workloadFile = (service: string): string => `deploy/k8s/base/${service}.generated.yaml`;
export const scaledObjectsFile = (overlay: string): string =>
  `deploy/k8s/overlays/${overlay}/scaled-objects.generated.yaml`;

export function renderManifests(): GeneratedFile[] {
  return [
    {
      path: KAFKA_TOPICS_FILE,
      content: yamlDocuments(generatedHeader(GENERATOR, 'libs/contracts (TopicSpecs)'), kafkaTopicManifests()),
    },
    {
      path: KAFKA_USERS_FILE,
      content: yamlDocuments(
        generatedHeader(GENERATOR, 'tools/deploy-checks/kafka-principals.ts (topology + TopicSpecs)'),
        kafkaUserManifests(),
      ),
    },
    {
      path: KAFKA_ACLS_SCRIPT,
      content: kafkaAclsScript(
        generatedHeader(GENERATOR, 'tools/deploy-checks/kafka-principals.ts (topology + TopicSpecs)'),
      ),
    },
    ...ServiceTopology.map((s) => ({
      path: workloadFile(s.name),
      content: yamlDocuments(generatedHeader(GENERATOR, 'tools/deploy-checks/service-topology.ts'), [
        deploymentOf(s),
        serviceOf(s),
        podDisruptionBudgetOf(s),
      ]),
    })),
    ...ScalingProfiles.map((profile) => ({
      path: scaledObjectsFile(profile.overlay),
      content: yamlDocuments(
        generatedHeader(GENERATOR, 'tools/deploy-checks/service-topology.ts'),
        scaledObjectManifests(profile),
      ),
    })),
  ];
}

if (require.main === module) runGenerator('generate-manifests', renderManifests);
