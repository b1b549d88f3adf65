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
