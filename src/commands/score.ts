// `score <inputs...>`: batch scoring. A table, or one JSON line per input in input order;
// optionally a CSV, one report per input, and a portfolio summary.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultJobs, scoreAll } from '../batch/pool.js';
import type { FileOutcome } from '../batch/score-file.js';
import { UsageError } from '../load/diagnostics.js';
import { describeFsError } from '../load/yaml-document.js';
import { csvHeader, csvLine } from '../render/csv.js';
import { fmt } from '../render/markdown.js';
import { renderPortfolio } from '../render/portfolio.js';
import { listInputs } from '../util/inputs.js';
import { slug } from '../util/slug.js';
import { columns, safeForTerminal, truncate } from '../util/terminal.js';
import { openAtomicWriter, writeFileAtomic } from '../util/write.js';
import { EXIT, openRegistry, type GlobalOptions, type Io } from './context.js';

export interface ScoreOptions {
  json?: boolean | undefined;
  named?: boolean | undefined;
  csv?: string | undefined;
  reports?: string | undefined;
  summary?: string | undefined;
  force?: boolean | undefined;
  /** Worker threads; default: one per core for large batches. */
  jobs?: number | undefined;
}

export async function runScore(inputs: readonly string[], options: ScoreOptions, globals: GlobalOptions, io: Io): Promise<number> {
  const files = listInputs(inputs);
  const reportNames = options.reports ? reportFileNames(files.slice(0, files.length)) : [];
  if (options.reports) checkReportsDir(options.reports, reportNames, options.force);
  const registryOptions = { questionnaire: globals.questionnaire, questionnairesDir: globals.questionnaires };
  const { registry, invalid: registryInvalid } = openRegistry(globals, io);
  const jobs = options.jobs ?? defaultJobs(files.length);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a whole number, 1 or more');

  // Rows are kept only for outputs that need the whole batch; JSON Lines stream.
  const keepRows = !options.json || !!options.csv || !!options.summary;
  const kept: FileOutcome[] = [];
  let invalid = registryInvalid;
  const progress = progressLine(io, files.length);
  let count = 0;
  let reportsWritten = 0;
  for await (const { outcomes, json, release } of scoreAll({ files, reportNames, options: { json: options.json, named: options.named, reportsDir: options.reports, force: options.force, rows: keepRows }, registry, registryOptions, jobs })) {
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.problems.length) {
        invalid = true;
        progress.clear();
        io.stderr(`${outcome.problems.join('\n')}\n`);
      }
      if (outcome.report && options.reports) {
        try {
          // The folder was checked before starting: nothing there is replaced without --force.
          writeFileAtomic(path.join(options.reports, outcome.report.name), 'text' in outcome.report ? outcome.report.text : outcome.report.bytes, { overwrite: true, folderChecked: true });
        } catch (error) {
          // Printed up to this input, as if each line had been printed as its input was done.
          progress.clear();
          await writeText(io, firstLines(json, index + 1));
          throw error;
        }
        reportsWritten++;
        delete outcome.report; // not kept with the row
      }
      if (keepRows) kept.push(outcome);
      progress.update(++count);
    }
    // A chunk's problems go to standard error before its JSON lines go to standard output.
    await writeText(io, json); // before the worker gets the buffer back
    release?.();
    await io.drained?.();
  }
  progress.clear();

  if (!options.json) io.stdout(scoreTable(kept, { named: options.named }));
  if (options.csv) writeCsv(options.csv, kept, !!options.named, !!options.force);
  if (options.summary) writeFileAtomic(options.summary, renderPortfolio(kept, { named: options.named }), { overwrite: options.force });
  const written = [options.csv, options.summary, options.reports && `${reportsWritten} report${reportsWritten === 1 ? '' : 's'} in ${options.reports}`].filter(Boolean);
  if (written.length) io.stderr(`Wrote ${written.join(', ')}\n`);
  return invalid ? EXIT.invalid : EXIT.ok;
}

/**
 * One report name per input, from the input's file name (never its content): `name.report.md`,
 * or, where two inputs share a name, their folders too (`north--anytown.report.md`).
 */
export function reportFileNames(files: readonly string[]): string[] {
  const bases = files.map((f) => slug(path.basename(f).replace(/\.ya?ml$/i, '').replace(/\.answers$/i, ''), 'answers'));
  const counts = new Map<string, number>();
  for (const b of bases) counts.set(b, (counts.get(b) ?? 0) + 1);
  if (counts.size === bases.length) return bases.map((b) => `${b}.report.md`); // no two alike
  const absolute = files.map((f) => path.resolve(f));
  const root = commonFolder(absolute);
  const used = new Set<string>();
  return bases.map((base, i) => {
    let name = base;
    if (counts.get(name)! > 1) {
      const folders = path.relative(root, path.dirname(absolute[i]!)).split(path.sep).filter(Boolean).map((s) => slug(s, 'folder'));
      name = [...folders, name].join('--');
    }
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${name}-${n}`;
    used.add(unique);
    return `${unique}.report.md`;
  });
}

function commonFolder(files: readonly string[]): string {
  if (!files.length) return '.';
  let common = path.dirname(files[0]!);
  for (const f of files) {
    while (!(f.startsWith(common + path.sep) || path.dirname(f) === common) && common !== path.dirname(common)) common = path.dirname(common);
  }
  return common;
}

function checkReportsDir(dir: string, names: readonly string[], force: boolean | undefined): void {
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`--reports ${dir}: cannot make the folder (${describeFsError(error)})`);
    }
  }
  if (!statSync(dir).isDirectory()) throw new UsageError(`--reports ${dir}: not a folder`);
  if (force) return;
  const clash = existingReports(dir, names);
  if (clash.length) throw new UsageError(`--reports ${dir}: ${clash.length} report${clash.length > 1 ? 's' : ''} would be overwritten (${clash.slice(0, 3).join(', ')}${clash.length > 3 ? ', ...' : ''}); use --force`);
}

/**
 * The report names already in the folder, from one listing rather than a look-up per report.
 * Report names are lower case: a listed name that differs only in case is looked up too, as
 * on a disk that ignores case it is the same file. A folder that can be written to but not
 * listed is looked up name by name.
 */
export function existingReports(dir: string, names: readonly string[], list: (dir: string) => string[] = readdirSync): string[] {
  let listed: string[] | undefined;
  try {
    listed = list(dir);
  } catch {
    // not listable: each name is looked up
  }
  const exact = new Set(listed);
  const folded = new Set(listed?.map((n) => n.toLowerCase()));
  const lookUp = (n: string) => existsSync(path.join(dir, n));
  return names.filter((n) => (listed ? exact.has(n) || (folded.has(n) && lookUp(n)) : lookUp(n)));
}

function writeCsv(file: string, outcomes: readonly FileOutcome[], named: boolean, force: boolean): void {
  const ids: string[] = [];
  for (const o of outcomes) for (const c of o.row?.conditions ?? []) if (!ids.includes(c.id)) ids.push(c.id);
  const writer = openAtomicWriter(file, { overwrite: force });
  writer.write(csvHeader(ids, named));
  for (const o of outcomes) writer.write(csvLine(o, ids, named));
  writer.commit();
}

/**
 * Text, or a worker's UTF-8. UTF-8 goes out as it is where the output takes bytes: decoding
 * it only for the stream to encode it again cost the main thread an eighth of its busy time
 * in a batch with `--json`. Otherwise it is written as text in pieces of at most 16 KiB: a
 * chunk's JSON is a few hundred KiB, and made into one string it would be big enough for V8
 * to keep in the old generation whenever a collection caught it being written; over a long
 * batch those would make V8 enlarge the heap, while small pieces die at once.
 */
async function writeText(io: Io, text: string | Uint8Array): Promise<void> {
  if (typeof text === 'string') {
    if (text) io.stdout(text);
    return;
  }
  if (!text.length) return;
  if (io.stdoutBytes) {
    await io.stdoutBytes(text);
    return;
  }
  const utf8 = new TextDecoder();
  const PIECE = 16 * 1024;
  for (let at = 0; at < text.length; at += PIECE) {
    const piece = utf8.decode(text.subarray(at, at + PIECE), { stream: at + PIECE < text.length });
    if (piece) io.stdout(piece);
  }
}

/** The first `count` lines (each ending in a newline) of text or UTF-8. */
export function firstLines<T extends string | Uint8Array>(text: T, count: number): T {
  let end = 0;
  for (let n = 0; n < count && end < text.length; n++) {
    const next = typeof text === 'string' ? text.indexOf('\n', end) : text.indexOf(0x0a, end);
    end = next < 0 ? text.length : next + 1;
  }
  return (typeof text === 'string' ? text.slice(0, end) : text.subarray(0, end)) as T;
}

/** "Scored 1200 of 10000" on standard error, only on a terminal and only once it takes a while. */
function progressLine(io: Io, total: number) {
  const start = Date.now();
  const onTerminal = io.stderrIsTTY;
  let shown = false;
  let last = 0;
  return {
    update(done: number) {
      if (!onTerminal) return;
      const now = Date.now();
      if (now - start < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\rScored ${done} of ${total}`);
    },
    clear() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}

/** The readable table: one row per input, conditions in questionnaire order. */
export function scoreTable(outcomes: readonly FileOutcome[], options: { named?: boolean | undefined }): string {
  const ids: string[] = [];
  for (const o of outcomes) for (const c of o.row?.conditions ?? []) if (!ids.includes(c.id)) ids.push(c.id);
  const header = ['Organisation', ...(options.named ? ['Name'] : []), 'Role', 'Overall', ...ids, 'Weakest', 'Top barrier'];
  const body = outcomes.map(({ file, row: r }) => {
    if (!r) return [truncate(safeForTerminal(file), 40), ...(options.named ? [''] : []), '', 'invalid', ...ids.map(() => ''), '', ''];
    const byId = new Map(r.conditions.map((c) => [c.id, c.score]));
    return [
      truncate(safeForTerminal(r.organisation), 40),
      ...(options.named ? [truncate(safeForTerminal(r.name ?? ''), 24)] : []),
      truncate(safeForTerminal(r.role ?? ''), 16),
      fmt(r.overall),
      ...ids.map((id) => (byId.has(id) ? fmt(byId.get(id)!) : '')),
      r.weakest ?? '',
      r.present[0] ? truncate(r.present[0], 30) : '',
    ];
  });
  const offset = options.named ? 3 : 2;
  const numeric = new Set(Array.from({ length: ids.length + 1 }, (_, i) => offset + i));
  return columns(header, body, numeric);
}
