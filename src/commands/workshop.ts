// `workshop <inputs...>`: the group report for a workshop's answers files (scoring.md, "A
// group"). Files of one questionnaire and of its paired variant go together; broken files
// are reported and left out; unrelated questionnaires are refused.
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';
import type { LoadedAnswers } from '../load/answers.js';
import { chartPathFor, workshopChart } from '../render/chart.js';
import { defaultTitle, renderWorkshopReport } from '../render/workshop.js';
import { workshopObject } from '../render/workshop-json.js';
import { assessGroup, DEFAULT_MIN_GROUP } from '../score/group.js';
import { assess } from '../score/score.js';
import { expandInputs } from '../util/inputs.js';
import { writeFilesAtomic } from '../util/write.js';
import { EXIT, loadAnswersFiles, openRegistry, type GlobalOptions, type Io } from './context.js';

export interface WorkshopOptions {
  output?: string | undefined;
  /** --min-group, as typed. */
  minGroup?: string | number | undefined;
  title?: string | undefined;
  named?: boolean;
  json?: boolean;
  /** Also write an SVG chart of the scores by role beside the report (needs `output`). */
  chart?: boolean;
  force?: boolean;
}

export function parseMinGroup(value: string | number | undefined): number {
  if (value === undefined) return DEFAULT_MIN_GROUP;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--min-group must be a whole number, 1 or more, not "${String(value)}"`);
  return Number(text);
}

/**
 * One questionnaire (one id and version), or a questionnaire and its paired variant; anything
 * else cannot be put in one group report.
 */
export function checkOneQuestionnaire(loaded: readonly LoadedAnswers[]): void {
  const kinds = new Map<string, { id: string; version: number; pairedWith: string | undefined; files: string[] }>();
  for (const l of loaded) {
    const q = l.questionnaire;
    const key = `${q.id}\u0000${q.version}`;
    const kind = kinds.get(key) ?? { id: q.id, version: q.version, pairedWith: q.pairedWith, files: [] };
    kind.files.push(l.file);
    kinds.set(key, kind);
  }
  const all = [...kinds.values()];
  if (all.length === 1) return;
  const [a, b] = all;
  if (all.length === 2 && a!.id !== b!.id && a!.pairedWith === b!.id && b!.pairedWith === a!.id) return;
  const describe = all.map((k) => `${k.id} version ${k.version} (${k.files[0]}${k.files.length > 1 ? ` and ${k.files.length - 1} more` : ''})`).join('; ');
  const ids = new Set(all.map((k) => k.id));
  const versionsOnly = all.length > ids.size;
  throw new UsageError(versionsOnly
    ? `these answers files are for different versions of the same questionnaire: ${describe}. A workshop report needs one version (and, if you like, its paired variant); to follow changes over time, use compare`
    : `these answers files are for questionnaires that do not go together: ${describe}. A workshop report takes answers to one questionnaire, or to it and its paired variant (pairedWith); run one report per questionnaire`);
}

export function runWorkshop(inputs: readonly string[], options: WorkshopOptions, globals: GlobalOptions, io: Io): number {
  const minGroup = parseMinGroup(options.minGroup);
  if (options.chart && (!options.output || options.json)) throw new UsageError('--chart needs -o FILE for a Markdown report: the chart is written beside it');
  const files = expandInputs(inputs);
  const { registry, invalid: registryInvalid } = openRegistry(globals, io);
  const { valid, invalid } = loadAnswersFiles(files, registry, io);
  if (!valid.length) {
    io.stderr(`ostrom-ready: error: none of the ${files.length === 1 ? 'answers file' : `${files.length} answers files`} could be used, so there is no group to report on\n`);
    return EXIT.invalid;
  }
  checkOneQuestionnaire(valid);

  const group = assessGroup(valid.map((l) => assess(l.questionnaire, l.answers)), { minGroup });
  const chartFile = options.chart && options.output ? chartPathFor(options.output) : undefined;
  const text = options.json
    ? `${JSON.stringify(workshopObject(group, { named: options.named, invalid }))}\n`
    : renderWorkshopReport(group, { title: options.title, named: options.named, invalidFiles: invalid.length, chartFile: chartFile && path.basename(chartFile) });
  if (options.output) {
    writeFilesAtomic([{ file: options.output, content: text }, ...(chartFile ? [{ file: chartFile, content: workshopChart(group, options.title ?? defaultTitle(group)) }] : [])], { overwrite: options.force });
    io.stderr(`Wrote ${options.output}${chartFile ? ` and ${chartFile}` : ''} (${group.respondents} ${group.respondents === 1 ? 'person' : 'people'}${invalid.length ? `; ${invalid.length} ${invalid.length === 1 ? 'file' : 'files'} left out` : ''})\n`);
  } else {
    io.stdout(text);
  }
  return invalid.length || registryInvalid ? EXIT.invalid : EXIT.ok;
}
