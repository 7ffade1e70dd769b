import fs from 'node:fs';
import path from 'node:path';

/** The repository root, found from this file whether it runs from source (ts-jest) or from dist/. */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'herald')
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`no herald package.json above ${from}`);
  }
}
