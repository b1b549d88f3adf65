#!/usr/bin/env node
// Bundle the CLI into dist/ with esbuild: one small entry that loads each command's code
// only when it runs (code splitting), so start-up reads a few files instead of hundreds.
// Type checking is tsc's job (npm run build runs it first).
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const result = await build({
  entryPoints: { cli: 'src/cli.ts', 'batch/worker': 'src/batch/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Names kept: error classes are told apart by name, and stack traces stay readable.
  keepNames: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and require() Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
});
// Remove chunks left from earlier builds, after the new ones are in place (never an empty dist/).
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(f)));
for (const dir of ['dist/chunks', 'dist/batch', 'dist']) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.resolve(dir, entry.name);
    if (entry.isFile() && /\.(js|txt)$/.test(entry.name) && !written.has(file)) rmSync(file);
  }
}
