// Input paths as users give them: files, and folders searched for *.yaml / *.yml.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';

const YAML_FILE = /\.ya?ml$/i;

/** Files in the order given; within a folder, sorted by path. Missing paths and empty folders are usage errors. */
function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

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
  // Names only: a folder of 50,000 answers files would otherwise make 50,000 Dirent objects,
  // and the heap they grow stays for the whole batch. Only names that are not *.yaml are
  // looked at further, to find subfolders.
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = d === '.' ? name : d.endsWith(path.sep) ? d + name : d + path.sep + name;
      if (YAML_FILE.test(name)) out.push(full);
      else if (isFolder(full)) walk(full);
    }
  };
  walk(path.normalize(dir).replace(/(.)[\\/]+$/, '$1'));
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
