#!/usr/bin/env node
// Regenerate the example reports, and the example workshop's, from the example answers files.
// The golden test compares the committed reports with what the code produces now.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = path.join(root, 'examples');
for (const name of readdirSync(examples).filter((n) => n.endsWith('.answers.yaml')).sort()) {
  const report = name.replace(/\.answers\.yaml$/, '.report.md');
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'ostrom-ready.js'), 'report', `examples/${name}`, '-o', `examples/${report}`, '--force'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const workshop = spawnSync(process.execPath, [path.join(root, 'bin', 'ostrom-ready.js'), 'workshop', 'examples/workshop/', '-o', 'examples/workshop/workshop.report.md', '--force'], { cwd: root, stdio: 'inherit' });
if (workshop.status !== 0) process.exit(workshop.status ?? 1);
