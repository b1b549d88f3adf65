// What every command is given: the global options and where its output goes. Commands take
// plain data so that tests call them directly, without a process or a terminal.
import { loadAnswersFile, type LoadedAnswers } from '../load/answers.js';
import { formatDiagnostic, type Diagnostic } from '../load/diagnostics.js';
import { loadRegistry, QuestionnaireLoadError, type Registry } from '../load/registry.js';

export interface GlobalOptions {
  questionnaire?: string | undefined;
  questionnaires?: string | undefined;
  color?: boolean;
}

export interface Io {
  stdout(text: string): void;
  /**
   * UTF-8 to standard output as it is; resolves once it is written, and until then the bytes
   * must stay as they are. Where absent, they are decoded and given to stdout.
   */
  stdoutBytes?(bytes: Uint8Array): Promise<void>;
  stderr(text: string): void;
  /** Standard error is a terminal (progress may be shown). */
  stderrIsTTY: boolean;
  /**
   * Resolves once what was written has gone out. Writes to a pipe are queued when it is full
   * and sent only while the event loop runs: a long batch that never waits would hold its
   * whole output in memory. Absent where writes cannot back up (tests).
   */
  drained?(): Promise<void>;
}

export const EXIT = { ok: 0, invalid: 1, usage: 2, interrupted: 130 } as const;

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
}

/**
 * Answers files loaded in turn: the valid ones, and the broken ones with their problems,
 * which are printed as FILE:LINE:COLUMN as they are found.
 */
export function loadAnswersFiles(files: readonly string[], registry: Registry, io: Io): { valid: LoadedAnswers[]; invalid: { file: string; diagnostics: Diagnostic[] }[] } {
  const valid: LoadedAnswers[] = [];
  const invalid: { file: string; diagnostics: Diagnostic[] }[] = [];
  for (const file of files) {
    const loaded = loadAnswersFile(file, registry);
    if (loaded.ok) {
      valid.push(loaded.value);
    } else {
      printDiagnostics(io, loaded.diagnostics);
      invalid.push({ file, diagnostics: loaded.diagnostics });
    }
  }
  return { valid, invalid };
}

/**
 * The questionnaires for this run. Problems in a user's folder are printed and make the run
 * exit 1; a questionnaire named by -q that cannot be loaded is a usage error.
 */
export function openRegistry(globals: GlobalOptions, io: Io): { registry: Registry; invalid: boolean } {
  try {
    const registry = loadRegistry({ questionnaire: globals.questionnaire, questionnairesDir: globals.questionnaires });
    printDiagnostics(io, registry.problems);
    return { registry, invalid: registry.problems.length > 0 };
  } catch (error) {
    if (error instanceof QuestionnaireLoadError) printDiagnostics(io, error.diagnostics);
    throw error;
  }
}
