// Input paths as users give them: files, and folders searched for *.yaml / *.yml.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';

const YAML_FILE = /\.ya?ml$/i;

/** Files in the order given; within a folder, sorted by path. Missing paths and empty folders are usage errors. */
export function expandInputs(inputs: readonly string[]): string[] {
  if (!inputs.length) throw new UsageError('no input files given');
  const files: string[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (!stat.isDirectory()) {
      files.push(input);
      continue;
    }
    const found = yamlFilesUnder(input);
    if (!found.length) throw new UsageError(`${input}: the folder has no answers files (*.yaml or *.yml) in it`);
    files.push(...found);
  }
  return files;
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
