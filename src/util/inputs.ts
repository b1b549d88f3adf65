// Input paths as users give them: files, and folders searched for *.yaml / *.yml.
import { opendirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';

const YAML_FILE = /\.ya?ml$/i;

/**
 * A batch's input files, in order. A folder's files are kept as its path and their names
 * (see Names), and each full path is made only when it is asked for.
 */
export interface FileList {
  readonly length: number;
  /** The path at a whole-number index within the list (a RangeError otherwise). */
  at(index: number): string;
  /** The paths from start up to but not including end, both clamped to the list (no counting from the end). */
  slice(start: number, end: number): string[];
}

/**
 * Names (a folder's entries, or the paths of files given one after another), kept as a few
 * long strings (1,024 names each) with where each name ends, rather than as one string each.
 * Listing a folder of 50,000 files as strings
 * would keep 50,000 small objects alive through the collections of the whole batch, and V8
 * enlarges the heap of a thread whose objects keep surviving; its blocks are few and large.
 */
class Names {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  /** Where each name ends, counted from the start of its block. */
  private ends = new Uint32Array(16);
  private size = 0;

  get count(): number {
    return this.size;
  }

  push(name: string): void {
    if (this.size === this.ends.length) {
      const more = new Uint32Array(this.ends.length * 2);
      more.set(this.ends);
      this.ends = more;
    }
    const previous = this.size % BLOCK === 0 ? 0 : this.ends[this.size - 1]!;
    this.ends[this.size++] = previous + name.length;
    this.pending.push(name);
    if (this.pending.length === BLOCK) this.seal();
  }

  seal(): void {
    if (this.pending.length) this.blocks.push(this.pending.join(''));
    this.pending = [];
  }

  private start(i: number): number {
    return i % BLOCK === 0 ? 0 : this.ends[i - 1]!;
  }

  at(i: number): string {
    return this.blocks[Math.floor(i / BLOCK)]!.slice(this.start(i), this.ends[i]);
  }

  /** The name ends with the path separator: a subfolder's (see walk). */
  isSubfolder(i: number): boolean {
    return this.blocks[Math.floor(i / BLOCK)]!.charCodeAt(this.ends[i]! - 1) === SEPARATOR;
  }

  /** As `<` compares strings (UTF-16 code units), without making them. */
  compare(i: number, j: number): number {
    const a = this.blocks[Math.floor(i / BLOCK)]!;
    const b = this.blocks[Math.floor(j / BLOCK)]!;
    let x = this.start(i);
    let y = this.start(j);
    const xEnd = this.ends[i]!;
    const yEnd = this.ends[j]!;
    for (; x < xEnd && y < yEnd; x++, y++) {
      const d = a.charCodeAt(x) - b.charCodeAt(y);
      if (d) return d;
    }
    return (xEnd - x) - (yEnd - y);
  }
}
const BLOCK = 1024;
const SEPARATOR = path.sep.charCodeAt(0);

/**
 * Files one after another in the list, each `folder` + a name that `order` picks from
 * `names`: a folder's files, or files given by path (folder '').
 */
interface Run { folder: string; names: Names; order: Uint32Array; start: number }

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
  const add = (folder: string, names: Names, order: Uint32Array) => {
    if (!order.length) return;
    runs.push({ folder, names, order, start: length });
    length += order.length;
  };
  // Files named one after another share one run, in the order given.
  let given: Names | null = null;
  const addGiven = () => {
    if (!given) return;
    given.seal();
    add('', given, Uint32Array.from({ length: given.count }, (_, i) => i));
    given = null;
  };
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (!stat.isDirectory()) {
      (given ??= new Names()).push(input);
      continue;
    }
    addGiven();
    const before = length;
    walk(path.normalize(input).replace(/(.)[\\/]+$/, '$1'), add);
    if (length === before) throw new UsageError(`${input}: the folder has no answers files (*.yaml or *.yml) in it`);
  }
  addGiven();
  let last = 0; // batches read the list in order: start looking where the last lookup ended
  const runOf = (index: number): Run => {
    if (!(Number.isInteger(index) && index >= 0 && index < length)) throw new RangeError(`no input ${index}`);
    if (index < runs[last]!.start) last = 0;
    while (index >= runs[last]!.start + runs[last]!.order.length) last++;
    return runs[last]!;
  };
  const at = (index: number) => {
    const run = runOf(index);
    return run.folder + run.names.at(run.order[index - run.start]!);
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
 * folder. A subfolder sorts as its name with the path separator after it, which puts its
 * files where sorting the full paths would. Hidden entries and node_modules are skipped; only names that
 * are not *.yaml are looked at further, to find subfolders.
 */
function walk(dir: string, add: (folder: string, names: Names, order: Uint32Array) => void): void {
  const prefix = dir === '.' ? '' : dir.endsWith(path.sep) ? dir : dir + path.sep;
  const names = new Names();
  const entries = opendirSync(dir);
  try {
    for (let entry = entries.readSync(); entry; entry = entries.readSync()) {
      const { name } = entry;
      if (name.startsWith('.') || name === 'node_modules') continue;
      if (YAML_FILE.test(name)) names.push(name);
      else if (isFolder(prefix + name)) names.push(name + path.sep);
    }
  } finally {
    entries.closeSync();
  }
  names.seal();
  const order = new Uint32Array(names.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((i, j) => names.compare(i, j));
  let from = 0;
  for (let k = 0; k < order.length; k++) {
    if (!names.isSubfolder(order[k]!)) continue;
    add(prefix, names, order.subarray(from, k));
    from = k + 1;
    walk(prefix + names.at(order[k]!).slice(0, -1), add);
  }
  add(prefix, names, order.subarray(from));
}
