// Writes docs/asyncapi.yaml, docs/schemas/topics/<topic>.schema.json and the public receipt schema
// (docs/schemas/sms.receipts.v1.schema.json, the address analysts were given) from libs/contracts.
//   npx tsc -p tsconfig.build.json && node -r ./tools/runtime/register.js dist/tools/deploy-checks/generate-asyncapi.js [--check]
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { jsonSchemaFor, Topics, TopicSpecs } from '@herald/contracts';
import { asyncApiDocument } from './asyncapi.document';
import { generatedHeader, jsonFile, repoRoot, runGenerator, type GeneratedFile } from './generated-file';

const GENERATOR = 'tools/deploy-checks/generate-asyncapi.ts';
export const ASYNCAPI_FILE = 'docs/asyncapi.yaml';
export const TOPIC_SCHEMAS_DIR = 'docs/schemas/topics';
export const PUBLIC_RECEIPT_SCHEMA_FILE = 'docs/schemas/sms.receipts.v1.schema.json';

export const topicSchemaFile = (topic: string): string => `${TOPIC_SCHEMAS_DIR}/${topic}.schema.json`;

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function renderDocs(): GeneratedFile[] {
  const doc = YAML.stringify(asyncApiDocument(packageVersion()), { lineWidth: 0, aliasDuplicateObjects: false });
  return [
    {
      path: ASYNCAPI_FILE,
      content: generatedHeader(GENERATOR, 'libs/contracts and tools/deploy-checks/service-topology.ts') + doc,
    },
    ...Object.values(TopicSpecs).map((spec) => ({
      path: topicSchemaFile(spec.name),
      content: jsonFile(jsonSchemaFor(spec.name)),
    })),
    { path: PUBLIC_RECEIPT_SCHEMA_FILE, content: jsonFile(jsonSchemaFor(Topics.SmsReceiptsV1)) },
  ];
}

if (require.main === module) runGenerator('generate-asyncapi', renderDocs);
