#!/usr/bin/env node
'use strict';
// `herald` operator CLI launcher: the compiled CLI lives in dist/ (npx tsc -p tsconfig.build.json).
const fs = require('node:fs');
const path = require('node:path');

const main = path.join(__dirname, '..', '..', 'dist', 'tools', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  console.error('herald: dist/tools/cli/main.js not found; build first with `npx tsc -p tsconfig.build.json`');
  process.exit(2);
}
require('../runtime/register.js');
require(main);
