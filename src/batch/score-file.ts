// Scoring one input of a batch: everything `score` needs from it, computed where it is
// loaded (in the main thread or a worker), so that only small results travel.
import { loadAnswersFile } from '../load/answers.js';
import { formatDiagnostic } from '../load/diagnostics.js';
import type { Registry } from '../load/registry.js';
import { errorObject, resultLine, type FileError } from '../render/json.js';
import { renderReport } from '../render/report.js';
import { assess, type Assessment } from '../score/score.js';

export interface BatchOptions {
  json?: boolean | undefined;
  named?: boolean | undefined;
  /** Render one report per input (to be written into this folder). */
  reportsDir?: string | undefined;
  force?: boolean | undefined;
  /** Keep the table/CSV/summary row (left out when only JSON lines stream, to keep messages small). */
  rows?: boolean | undefined;
}

/** What the table, the CSV and the portfolio summary need of one scored input. */
export interface ScoreRow {
  organisation: string;
  scope: string | null;
  role: string | null;
  name: string | null;
  date: string | null;
  questionnaire: string;
  version: number;
  overall: number | null;
  band: string | null;
  conditions: { id: string; title: string; score: number | null }[];
  weakest: string | null;
  /** Present barriers and risks, ranked (ids). */
  present: string[];
  /** Titles of the present barriers, for summaries. */
  presentTitles: string[];
}

export interface FileOutcome {
  file: string;
  /** Diagnostics, already formatted as FILE:LINE:COLUMN: error: MESSAGE. */
  problems: string[];
  error?: FileError;
  /** The input's JSON line with its newline (`--json`); a chunk carries them joined. */
  json?: string;
  row?: ScoreRow;
  /**
   * The Markdown report, for the main thread to write (on ext4, threads creating files in
   * one folder at once contend for it and are slower than one writer): text where it was
   * rendered on the main thread, UTF-8 where a worker rendered it.
   */
  report?: { name: string; text: string } | { name: string; bytes: Uint8Array };
}

export function scoreFile(file: string, registry: Registry, options: BatchOptions, reportName?: string): FileOutcome {
  const loaded = loadAnswersFile(file, registry);
  if (!loaded.ok) {
    const error = errorObject(file, loaded.diagnostics);
    return {
      file,
      problems: loaded.diagnostics.map(formatDiagnostic),
      error: error.error,
      ...(options.json ? { json: `${JSON.stringify(error)}\n` } : {}),
    };
  }
  const a = assess(loaded.value.questionnaire, loaded.value.answers);
  return {
    file,
    problems: [],
    ...(options.reportsDir && reportName ? { report: { name: reportName, text: renderReport(a) } } : {}),
    ...(options.json ? { json: `${resultLine(file, a, { named: options.named })}\n` } : {}),
    ...(options.rows === false ? {} : { row: rowOf(a, options) }),
  };
}

/** Several inputs scored in turn, with their JSON lines (`--json`) joined in order. */
export interface ScoredChunk {
  outcomes: FileOutcome[];
  /** Text, or UTF-8 from a worker. */
  json: string | Uint8Array;
  /** Call once the chunk's JSON and reports are written: a worker's buffers go back to it. */
  release?: () => void;
}

/**
 * Several inputs scored in turn, with their JSON lines (`--json`) joined in order. `each` sees
 * every outcome as soon as it is made: a worker encodes the report then, so that the text
 * dies young instead of living on through collections until the chunk is done.
 */
export function scoreChunk(files: readonly string[], reportNames: readonly (string | undefined)[], registry: Registry, options: BatchOptions, each?: (outcome: FileOutcome) => void): ScoredChunk & { json: string } {
  const outcomes: FileOutcome[] = [];
  let json = '';
  files.forEach((f, i) => {
    const o = scoreFile(f, registry, options, reportNames[i]);
    if (o.json) json += o.json;
    delete o.json;
    each?.(o);
    outcomes.push(o);
  });
  return { outcomes, json };
}

function rowOf(a: Assessment, options: BatchOptions): ScoreRow {
  const { answers } = a;
  return {
    organisation: answers.organisation,
    scope: answers.scope,
    role: answers.respondent.role,
    name: options.named ? answers.respondent.name : null,
    date: answers.date,
    questionnaire: a.questionnaire.id,
    version: a.questionnaire.version,
    overall: a.overall.score,
    band: a.overall.band?.label ?? null,
    conditions: a.conditions.map((c) => ({ id: c.condition.id, title: c.condition.title, score: c.score })),
    weakest: a.weakest?.condition.id ?? null,
    present: a.barriers.filter((b) => b.status === 'present').map((b) => b.barrier.id),
    presentTitles: a.barriers.filter((b) => b.status === 'present').map((b) => b.barrier.title),
  };
}
