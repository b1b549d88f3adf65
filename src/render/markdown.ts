// Markdown building blocks. Text from input files goes through `inline` or `paragraphs`,
// so that no organisation name or note can open a heading, a table cell, a link or HTML.

// C0/C1 controls and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;
// Brackets are escaped, so parentheses can never close a link and stay as written.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]#|~$]/g;

// Anything inline() would change; most text has none of it.
const NEEDS_ESCAPING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029<>\\`*_[\]#|~$]|&#?[A-Za-z0-9]+;|^\s*(?:[-+=]|\d+[.)])/;

// A batch renders the same questionnaire text thousands of times: each of a questionnaire's
// strings is escaped once and remembered, keyed by the questionnaire's own strings. Only
// those: a user's text (an organisation's name, a note) may be a slice of a whole answers
// file, which a memo would keep alive. It grows with each questionnaire rendered, and a run
// renders a few.
const escaped = new Map<string, string>();
const paragraphsOf = new Map<string, readonly string[]>();
const remembered = new WeakSet<object>();

/** Remember the escaped form of every string in a questionnaire (once per questionnaire). */
export function rememberText(source: object): void {
  if (remembered.has(source)) return;
  remembered.add(source);
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!escaped.has(value)) {
        escaped.set(value, escapeInline(value));
        paragraphsOf.set(value, splitParagraphs(value));
      }
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) walk(item);
    }
  };
  walk(source);
}

/** User text for one line: a heading, a table cell, a sentence. */
export function inline(text: string): string {
  return escaped.get(text) ?? escapeInline(text);
}

function escapeInline(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .replace(CONTROL, '\uFFFD')
    // Only an & that would start an entity (&amp; &#38;) needs escaping: "Brighton & Hove" stays as written.
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    // A list marker or numbered-list start at the front would open a block inside a list item.
    .replace(/^(\s*)([-+=]|\d+[.)])/, (_, space: string, mark: string) => `${space}${mark.replace(/[-+=.)]/, (c) => `\\${c}`)}`);
}

/** Longer text: each line is a paragraph (YAML folds wrapped lines already); each escaped. */
export function paragraphs(text: string): readonly string[] {
  return paragraphsOf.get(text) ?? splitParagraphs(text);
}

function splitParagraphs(text: string): readonly string[] {
  return Object.freeze(text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(inline));
}

/** A table row; cells are already escaped. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r' | 'c')[]): string[] {
  const rule = header.map((_, i) => ({ l: '---', r: '---:', c: ':---:' })[align?.[i] ?? 'l']);
  return [row(header), row(rule), ...rows.map(row)];
}

export const BAR_WIDTH = 20;

/** A bar that reads without colour: filled and empty blocks, in a code span. */
export function bar(score: number | null, width = BAR_WIDTH): string {
  if (score === null) return '`' + '·'.repeat(width) + '`';
  const filled = Math.max(0, Math.min(width, Math.round((score / 100) * width)));
  return '`' + '█'.repeat(filled) + '░'.repeat(width - filled) + '`';
}

/**
 * Rounded half away from zero, as every output writes numbers: the JSON (round1) and the
 * text agree. (toFixed alone rounds the binary value: 0.35 would show as 0.3 beside 0.4.)
 */
export function roundTo(n: number, digits: number): number {
  const scale = 10 ** digits;
  return (Math.sign(n) * Math.round(Math.abs(n) * scale)) / scale || 0;
}

/** Scores as shown: one decimal place, or a dash when there is none. */
export function fmt(n: number | null, digits = 1): string {
  return n === null ? '–' : roundTo(n, digits).toFixed(digits);
}

/** "1 barrier", "3 barriers". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
