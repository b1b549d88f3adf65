// Text from input files shown in a terminal: control characters (escape sequences that could
// move the cursor or retitle the window) are made visible instead of obeyed.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

export function safeForTerminal(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}

/** Display width, counting each code point as one column (good enough for a table). */
export function width(text: string): number {
  return [...text].length;
}

export function pad(text: string, columns: number, alignRight = false): string {
  const fill = ' '.repeat(Math.max(0, columns - width(text)));
  return alignRight ? fill + text : text + fill;
}

export function truncate(text: string, columns: number): string {
  const chars = [...text];
  return chars.length <= columns ? text : `${chars.slice(0, columns - 1).join('')}…`;
}

/** Rows of cells as aligned columns; numeric columns aligned right. */
export function columns(header: string[], rows: string[][], rightAligned: Set<number> = new Set()): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, rightAligned.has(i))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
