// Input paths as users give them: files, and folders searched for *.yaml / *.yml.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';

const YAML_FILE = /\.ya?ml$/i;

/**
 * A batch's input files, in order. A folder's files are kept as its path and their names,
 * and each full path is made only when it is asked for: a folder of 50,000 answers files
 * would otherwise put 50,000 more strings on the heap at the start, and V8 sizes the heap
 * for the rest of the run from that.
 */
export interface FileList {
  readonly length: number;
  at(index: number): string;
  slice(start: number, end: number): string[];
}

/** Files in the same folder, one after another in the list. */
interface Run { folder: string; names: string[]; start: number }

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Files in the order given; within a folder, sorted by path. Missing paths and empty folders are usage errors. */
export function listInputs(inputs: readonly string[]): FileList {
  if (!inputs.length) throw new UsageError('no input files given');
  const runs: Run[] = [];
  let length = 0;
  const add = (folder: string, names: string[]) => {
    if (!names.length) return;
    runs.push({ folder, names, start: length });
    length += names.length;
  };
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (!stat.isDirectory()) {
      add('', [input]);
      continue;
    }
    const before = length;
    walk(path.normalize(input).replace(/(.)[\\/]+$/, '$1'), add);
    if (length === before) throw new UsageError(`${input}: the folder has no answers files (*.yaml or *.yml) in it`);
  }
  let last = 0; // batches read the list in order: start looking where the last lookup ended
  const runOf = (index: number): Run => {
    if (!(index >= 0 && index < length)) throw new RangeError(`no input ${index}`);
    if (index < runs[last]!.start) last = 0;
    while (index >= runs[last]!.start + runs[last]!.names.length) last++;
    return runs[last]!;
  };
  const at = (index: number) => {
    const run = runOf(index);
    return run.folder + run.names[index - run.start]!;
  };
  return {
    length,
    at,
    slice(start, end) {
      const out: string[] = [];
      for (let i = Math.max(0, start); i < Math.min(end, length); i++) out.push(at(i));
      return out;
    },
  };
}

/** Every input file as a path. */
export function expandInputs(inputs: readonly string[]): string[] {
  const list = listInputs(inputs);
  return list.slice(0, list.length);
}

/**
 * The *.yaml files under a folder, in the order of their full paths, as runs of names per
 * folder. A subfolder sorts as its name with a slash after it, which puts its files where
 * sorting the full paths would. Hidden entries and node_modules are skipped; only names that
 * are not *.yaml are looked at further, to find subfolders.
 */
function walk(dir: string, add: (folder: string, names: string[]) => void): void {
  const prefix = dir === '.' ? '' : dir.endsWith(path.sep) ? dir : dir + path.sep;
  const keys: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    if (YAML_FILE.test(name)) keys.push(name);
    else if (isFolder(prefix + name)) keys.push(name + '/');
  }
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let files: string[] = [];
  for (const key of keys) {
    if (!key.endsWith('/')) {
      files.push(key);
      continue;
    }
    add(prefix, files);
    files = [];
    walk(prefix + key.slice(0, -1), add);
  }
  add(prefix, files);
}
