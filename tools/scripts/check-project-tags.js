#!/usr/bin/env node
// Every Nx project must carry one scope: and one type: tag, and the lint config may not allow `*`.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const problems = [];
for (const group of ['apps', 'libs']) {
  for (const name of fs.readdirSync(path.join(root, group))) {
    const file = path.join(root, group, name, 'project.json');
    if (!fs.existsSync(file)) {
      problems.push(`${group}/${name} has no project.json`);
      continue;
    }
    const tags = JSON.parse(fs.readFileSync(file, 'utf8')).tags ?? [];
    if (tags.filter((t) => t.startsWith('scope:')).length !== 1)
      problems.push(`${group}/${name} needs exactly one scope: tag`);
    if (tags.filter((t) => t.startsWith('type:')).length !== 1)
      problems.push(`${group}/${name} needs exactly one type: tag`);
  }
}
// tools/ (bench, CLI, deploy checks) and tools/platform (the plain CommonJS platform scripts) are projects too.
for (const dir of ['tools', 'tools/platform']) {
  const file = path.join(root, dir, 'project.json');
  const tags = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')).tags ?? []) : [];
  if (
    tags.filter((t) => t.startsWith('scope:')).length !== 1 ||
    tags.filter((t) => t.startsWith('type:')).length !== 1
  ) {
    problems.push(`${dir} needs a project.json with exactly one scope: and one type: tag`);
  }
}
const eslint = fs.readFileSync(path.join(root, 'eslint.config.mjs'), 'utf8');
if (/sourceTag:\s*'\*'|onlyDependOnLibsWithTags:\s*\[\s*'\*'\s*\]/.test(eslint))
  problems.push("eslint.config.mjs has a '*' boundary rule");
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('every project is tagged (scope x type); no wildcard boundary rule');
