// Resolves `@herald/<lib>` to the compiled lib in dist/ at run time, from the same `paths` the
// compiler uses, so services run as plain `node -r tools/runtime/register.js dist/apps/...`.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = path.resolve(__dirname, '../..');
const paths = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  // A lib compiles into dist/; plain CommonJS scripts (tools/platform) are not compiled and run from the repo.
  paths[alias] = [
    target.endsWith('.ts')
      ? target.replace(/\.ts$/, '.js')
      : path.relative(path.join(root, 'dist'), path.join(root, target)),
  ];
}
tsconfigPaths.register({ baseUrl: path.join(root, 'dist'), paths });
