import * as path from 'node:path';
import { register } from 'tsconfig-paths';

// Lets the compiled bench run as plain `node dist/.../smpp-bench.js`: `@herald/<lib>` resolves to
// the compiled lib beside it, whichever outDir the build used. The forked simulator loads it too.
const distRoot = path.resolve(__dirname, '../../../..');
register({ baseUrl: distRoot, paths: { '@herald/*': ['libs/*/src/index.js'] } });
