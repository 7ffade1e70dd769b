import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/** Core kinds, validated by the OpenAPI schemas kubernetes-models embeds (Kubernetes 1.3x). */
const CORE: Record<string, { apiVersion: string; model: ModelClass }> = {
  Deployment: { apiVersion: 'apps/v1', model: Deployment as unknown as ModelClass },
  Service: { apiVersion: 'v1', model: Service as unknown as ModelClass },
  PodDisruptionBudget: { apiVersion: 'policy/v1', model: PodDisruptionBudget as unknown as ModelClass },
  ConfigMap: { apiVersion: 'v1', model: ConfigMap as unknown as ModelClass },
  Secret: { apiVersion: 'v1', model: Secret as unknown as ModelClass },
  Namespace: { apiVersion: 'v1', model: Namespace as unknown as ModelClass },
};

const CRD_SCHEMAS: Record<string, string> = {
  KafkaTopic: 'kafka-topic.v1beta2.schema.json',
  KafkaUser: 'kafka-user.v1beta2.schema.json',
  ScaledObject: 'scaled-object.v1alpha1.schema.json',
  TriggerAuthentication: 'trigger-authentication.v1alpha1.schema.json',
};

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const crdValidators = new Map<string, ValidateFunction>();

function crdValidator(kind: string): ValidateFunction {
  let v = crdValidators.get(kind);
  if (!v) {
    const schema: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, 'crd-schemas', CRD_SCHEMAS[kind]), 'utf8'));
    v = ajv.compile(schema as object);
    crdValidators.set(kind, v);
  }
  return v;
}

export const supportedKinds = (): string[] => [...Object.keys(CORE), ...Object.keys(CRD_SCHEMAS)];

/** Problems with one manifest: [] when it is valid for its kind. */
export function validateManifest(doc: unknown): string[] {
  const m = doc as { apiVersion?: string; kind?: string };
  const core = m.kind ? CORE[m.kind] : undefined;
  if (core) {
    if (m.apiVersion !== core.apiVersion) return [`${m.kind} must be ${core.apiVersion}, not ${m.apiVersion}`];
    try {
      new core.model(doc as never).validate();
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  }
  if (m.kind && CRD_SCHEMAS[m.kind]) {
    const v = crdValidator(m.kind);
    return v(doc)
      ? []
      : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
  return [`unsupported kind ${m.kind} (supported: ${supportedKinds().join(', ')})`];
}
