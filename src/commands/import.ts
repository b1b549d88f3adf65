// `import <csv> --out-dir DIR`: a survey export, one row per respondent, becomes one answers
// file per row. Every column and cell that could not be matched is reported with its row and
// column; the rest is written. File names come from a slug of the organisation and the row
// number, so nothing in the file can choose where a file goes.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';
import { importCsv, type ImportedRow } from '../load/import-csv.js';
import { partnerOf } from '../load/registry.js';
import { readInputText } from '../load/yaml-document.js';
import { answersYaml } from '../render/answers-yaml.js';
import type { Questionnaire } from '../schemas/questionnaire.js';
import { slug } from '../util/slug.js';
import { writeFileAtomic } from '../util/write.js';
import { EXIT, openRegistry, printDiagnostics, type GlobalOptions, type Io } from './context.js';

export interface ImportOptions {
  outDir?: string | undefined;
  org?: string | undefined;
  force?: boolean;
}

export function importedFileName(row: Pick<ImportedRow, 'organisation' | 'row'>): string {
  return `${slug(row.organisation)}-row-${row.row}.answers.yaml`;
}

export function importedYaml(q: Questionnaire, row: ImportedRow, source: string): string {
  // The source's base name only, on one line: a comment, never a path into the file system.
  const from = path.basename(source).replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ');
  return answersYaml(q, { organisation: row.organisation, scope: row.scope, name: row.name, role: row.role, date: row.date }, row.answers, {
    header: [`# Imported by ostrom-ready import from ${from}, row ${row.row}. Check it, then: ostrom-ready report THIS-FILE.yaml`],
    remarks: row.remarks,
  });
}

export function runImport(csv: string, options: ImportOptions, globals: GlobalOptions, io: Io): number {
  if (!options.outDir) throw new UsageError('import needs --out-dir DIR: the folder to write the answers files into');
  let stat;
  try { stat = statSync(csv); } catch { throw new UsageError(`${csv}: no such file`); }
  if (!stat.isFile()) throw new UsageError(`${csv}: not a file`);
  if (options.org !== undefined && options.org.trim() === '') throw new UsageError('--org needs a name');

  const { registry, invalid: registryInvalid } = openRegistry(globals, io);
  const target = registry.current().questionnaire;
  const partner = partnerOf(target, registry.entries)?.questionnaire;

  const read = readInputText(csv);
  if ('diagnostic' in read) {
    printDiagnostics(io, [read.diagnostic]);
    return EXIT.invalid;
  }
  const result = importCsv(read.text, { target, partner, chosen: registry.chosen !== undefined }, { org: options.org });
  for (const p of result.problems) io.stderr(`${csv}:${p.line}:${p.column}: ${p.severity}: ${p.message.replace(/[\r\n]+/g, ' ')}\n`);
  if (result.fatal) return EXIT.invalid;
  if (!options.org && !result.columns.some((c) => c.field === 'organisation')) {
    throw new UsageError('no organisation for the answers files: give --org NAME, or add an "Organisation" column to the export');
  }

  const q = result.questionnaire;
  const outDir = options.outDir;
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot make the folder ${outDir}: ${(error as Error).message}`);
  }
  const files = result.rows.map((row) => ({ row, file: path.join(outDir, importedFileName(row)) }));
  if (!options.force) {
    const existing = files.filter(({ file }) => { try { statSync(file); return true; } catch { return false; } });
    if (existing.length) {
      throw new UsageError(`${existing[0]!.file}${existing.length > 1 ? ` and ${existing.length - 1} more` : ''} already exist${existing.length > 1 ? '' : 's'}; use --force to overwrite, or choose another --out-dir`);
    }
  }
  for (const { row, file } of files) writeFileAtomic(file, importedYaml(q, row, csv), { overwrite: options.force });

  const errors = result.problems.filter((p) => p.severity === 'error').length;
  io.stderr(`Wrote ${files.length} answers ${files.length === 1 ? 'file' : 'files'} for ${q.id} version ${q.version} into ${outDir}${errors ? `; ${errors} ${errors === 1 ? 'problem' : 'problems'} above, left out rather than guessed` : ''}\n`);
  return errors || registryInvalid ? EXIT.invalid : EXIT.ok;
}
