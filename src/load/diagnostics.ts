// A problem in an input file, with where it is. Every loader reports problems this way so
// that each command prints them identically: FILE:LINE:COLUMN: error: MESSAGE.

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: error: ${oneLine(d.message)}`;
}

/** Keep every diagnostic on one line, whatever text from the file it quotes. */
function oneLine(message: string): string {
  return message.replace(/[\r\n]+/g, ' ');
}

/**
 * A file shows at most this many problems: a hostile or broken 1 MiB file can hold 100,000
 * of them, and finding each one's position would take minutes. The rest are counted.
 */
export const MAX_PROBLEMS = 20;

/** The problems to show, and one line counting those left out. */
export function capProblems(list: readonly Diagnostic[], notCounted = 0): Diagnostic[] {
  const sorted = [...list].sort((a, b) => a.line - b.line || a.column - b.column);
  const hidden = Math.max(0, sorted.length - MAX_PROBLEMS) + notCounted;
  const shown = sorted.slice(0, MAX_PROBLEMS);
  const last = shown[shown.length - 1];
  if (!hidden || !last) return shown;
  return [...shown, { file: last.file, line: last.line, column: last.column, message: `${hidden} more problem${hidden === 1 ? '' : 's'} not shown; fix the ones above first` }];
}

/** Either a value or the problems that stopped it. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

/** A usage error: a bad option, a missing path, refusing to overwrite. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Quote a value from a file for a message, short and on one line. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const short = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return JSON.stringify(short);
}
