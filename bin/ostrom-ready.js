#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts it without its ESM loader (see scripts/bundle.mjs).
require('../dist/cli.cjs');
