import fs from 'node:fs';
import path from 'node:path';
import { renderDocs, TOPIC_SCHEMAS_DIR } from './generate-asyncapi';
import { renderManifests } from './generate-manifests';
import { repoRoot, staleFiles } from './generated-file';

const root = repoRoot();
const REGENERATE =
  'npx tsc -p tsconfig.build.json && node -r ./tools/runtime/register.js dist/tools/deploy-checks/generate-';

describe('generated files are committed up to date', () => {
  it('deploy/k8s manifests equal a fresh generation from the registry and the topology', () => {
    const stale = staleFiles(renderManifests(), root);
    if (stale.length > 0) throw new Error(`out of date: ${stale.join(', ')}; run ${REGENERATE}manifests.js`);
  });

  it('docs/asyncapi.yaml and docs/schemas equal a fresh generation from libs/contracts', () => {
    const stale = staleFiles(renderDocs(), root);
    if (stale.length > 0) throw new Error(`out of date: ${stale.join(', ')}; run ${REGENERATE}asyncapi.js`);
  });

  it('no leftover generated file outlives its topic or service', () => {
    const expected = new Set([...renderManifests(), ...renderDocs()].map((f) => f.path));
    const onDisk = [
      ...fs.readdirSync(path.join(root, TOPIC_SCHEMAS_DIR)).map((f) => `${TOPIC_SCHEMAS_DIR}/${f}`),
      ...['base', 'overlays/dev', 'overlays/prod'].flatMap((d) =>
        fs
          .readdirSync(path.join(root, 'deploy/k8s', d))
          .filter((f) => f.includes('.generated.'))
          .map((f) => `deploy/k8s/${d}/${f}`),
      ),
    ];
    expect(onDisk.filter((f) => !expected.has(f))).toEqual([]);
  });
});
