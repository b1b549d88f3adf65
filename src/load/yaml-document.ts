// Reading a YAML input file safely and keeping positions, so that every later check can
// point at the line and column of the node it is about.
import { readFileSync, statSync } from 'node:fs';
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLibrary } from './yaml-lib.js';
import type { Diagnostic } from './diagnostics.js';

export const MAX_INPUT_BYTES = 1024 * 1024;
/** Bounds alias expansion ("billion laughs"); real files use a handful of aliases at most. */
const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export type PathSegment = string | number;

/**
 * Read a file as text: UTF-8 (with or without BOM) or UTF-16 with a BOM. `regular`: a regular
 * file, which can be read again; a pipe such as /dev/stdin is empty the second time.
 */
export function readInputText(file: string): { text: string; regular: boolean } | { diagnostic: Diagnostic } {
  const at = (message: string, line = 1, column = 1) => ({ diagnostic: { file, line, column, message } });
  let bytes: Buffer;
  let regular: boolean;
  try {
    const stats = statSync(file);
    const size = stats.size;
    regular = stats.isFile();
    if (size > MAX_INPUT_BYTES) {
      return at(`the file is ${(size / 1024 / 1024).toFixed(1)} MiB; input files are limited to 1 MiB`);
    }
    bytes = readFileSync(file);
  } catch (error) {
    return at(`cannot read the file: ${describeFsError(error)}`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), regular };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), regular };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, regular };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, bad).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return at('the file is not UTF-8 text (it may be Latin-1 or Windows-1252): save it as UTF-8 and try again', line, column);
  }
}

/** The offset of the first byte that breaks UTF-8, to point at it. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return i;
}

export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'ENOSPC': return 'the disk is full';
    case 'EROFS': return 'the file system is read-only';
    default: return e?.message ?? String(error);
  }
}

/** Flow collections ([ and {) deeper than this are refused before parsing: no real file nests so. */
export const MAX_FLOW_DEPTH = 64;

/**
 * The text's flow brackets ([ and {), as far as they can be told without parsing: quoted
 * scalars and comments are skipped. `tooDeep`: the offset where nesting first goes past
 * `maxDepth` (the walk stops there). Otherwise, what is still open where the text ends:
 * `quote`, the opening quote of a quoted scalar that never closes, else `flow`, the last
 * bracket not yet closed (-1 for none).
 */
function scanFlow(text: string, maxDepth = Infinity): { tooDeep: number; quote: number; flow: number } {
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      open.push(i);
      if (open.length > maxDepth) return { tooDeep: i, quote: -1, flow: -1 };
    } else if ((c === ']' || c === '}') && open.length) {
      open.pop();
    } else if ((c === '"' || c === "'") && startsScalar(text, i)) {
      const start = i;
      // Skip a quoted scalar; '' and \" escape the quote inside.
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c && !(c === "'" && text[i + 1] === "'")) break;
        else if (text[i] === c) i++;
      }
      if (i >= text.length) return { tooDeep: -1, quote: start, flow: -1 };
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    }
  }
  return { tooDeep: -1, quote: -1, flow: open.length ? open[open.length - 1]! : -1 };
}

/** A quote opens a quoted scalar only where a scalar can start, not inside plain text ("don't"). */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || '\n:[{,-?'.includes(text[j]!);
}

/** Parse YAML text; syntax errors come back as diagnostics with their positions. */
export function parseYaml(file: string, text: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  const yaml = yamlLibrary();
  const deep = scanFlow(text, MAX_FLOW_DEPTH).tooDeep;
  if (deep >= 0) {
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument('', { lineCounter: lines });
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    const column = deep - before.lastIndexOf('\n');
    return { source: { file, text, doc, lines }, diagnostics: [{ file, line, column, message: `the file nests lists or maps more than ${MAX_FLOW_DEPTH} levels deep; no answers or questionnaire file needs that` }] };
  }
  const lines = new yaml.LineCounter();
  // yaml's own duplicate-key check compares every key with every other (minutes for a file of
  // 100,000 keys); duplicateKeys below does the same in one pass.
  const doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' });
  const source: YamlSource = { file, text, doc, lines };
  // The first syntax error only: the ones after it are nearly always its echoes.
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  const diagnostics: Diagnostic[] = first ? [syntaxDiagnostic(file, text, lines, first.code, first.pos[0], first.message)] : [];
  if (!diagnostics.length) diagnostics.push(...duplicateKeys(source));
  return { source, diagnostics };
}

/** Keys that appear twice in the same map, each pointed at where it appears again. */
function duplicateKeys(source: YamlSource): Diagnostic[] {
  const { isScalar, visit } = yamlLibrary();
  const out: Diagnostic[] = [];
  visit(source.doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) {
          const pos = source.lines.linePos(pair.key.range?.[0] ?? 0);
          out.push({ file: source.file, line: pos.line, column: pos.col, message: yamlMessage('DUPLICATE_KEY', '') });
        }
        seen.add(key);
      }
    },
  });
  return out;
}

const INDENTATION = 'keys at the same level need the same indentation (two spaces under answers:, notes: and respondent:)';

/** A syntax error where a person would look for it, in words they would use. */
function syntaxDiagnostic(file: string, text: string, lines: LineCounter, code: string, offset: number, message: string): Diagnostic {
  const at = (o: number, m: string) => {
    const p = lines.linePos(o);
    return { file, line: p.line, column: p.col, message: m };
  };
  if (/^(Nested mappings are not allowed|Implicit keys need to be on a single line)/.test(message)) {
    const lineEnd = text.indexOf('\n', offset);
    const restOfLine = text.slice(offset, lineEnd === -1 ? undefined : lineEnd);
    if (!/:\s/.test(restOfLine)) {
      // yaml points at the value on the line before; the line at fault is the next one written.
      const next = /\n[ \t]*(?=\S)/g;
      next.lastIndex = offset;
      const m = next.exec(text);
      return at(m ? m.index + m[0].length : offset, `this line is indented further than the line above allows; ${INDENTATION}`);
    }
    return at(offset, 'a value with ": " in it must be in quotes, like "Not sure: ask the team"');
  }
  if (/^All mapping items must start at the same column/.test(message)) return at(offset, `this line's indentation does not match the lines above it; ${INDENTATION}`);
  if (/^A block sequence may not be used as an implicit map key/.test(message)) return at(offset, 'a list item ("- ...") cannot stand among keys; remove the dash, or indent the list under a key');
  // At the end of the file, yaml points past the last line: point at what was left open.
  const atEnd = offset >= text.trimEnd().length;
  if (/^Flow (map|sequence) in block collection/.test(message)) {
    const bracket = message.includes('map') ? '{' : '[';
    const open = atEnd ? scanFlow(text) : undefined;
    if (open && open.flow >= 0 && text[open.flow] === bracket) return at(open.flow, `this ${bracket} is never closed; end the ${bracket === '[' ? 'list with ]' : 'map with }'}`);
    return at(offset, `a ${bracket} opened earlier is not closed (or this line is not indented enough)`);
  }
  if (code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(message) && atEnd) {
    const open = scanFlow(text);
    if (open.quote >= 0) return at(open.quote, `this ${text[open.quote]} starts a quoted text that is never closed; put a matching ${text[open.quote]} at its end`);
  }
  return at(offset, yamlMessage(code, message));
}

/** yaml's messages, made plainer for people who edit files by hand. */
function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/\s*at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY': return 'this key appears twice in the same map; keep one';
    case 'TAB_AS_INDENT': return 'a tab is used for indentation; YAML needs spaces';
    case 'MULTIPLE_DOCS': return 'the file holds more than one YAML document (a line "---" in the middle); keep one';
    default: return /call stack/i.test(first) ? 'the file is nested too deeply to read' : `YAML syntax: ${first}`;
  }
}

/** A source parsed only when a position in it is first asked for. */
export function lazySource(file: string, text: string): YamlSource {
  let parsed: YamlSource | undefined;
  const full = () => (parsed ??= parseYaml(file, text).source);
  return { file, text, get doc() { return full().doc; }, get lines() { return full().lines; } };
}

/** The plain JavaScript value of a parsed document, with alias expansion bounded. */
export function toPlain(source: YamlSource): { value: unknown } | { diagnostic: Diagnostic } {
  try {
    return { value: source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const text = String((error as Error)?.message ?? error);
    const unresolved = /unresolved alias/i.test(text);
    const message = unresolved
      ? 'an alias (*name) refers to an anchor (&name) that is not defined above it'
      : /alias/i.test(text) ? 'too many aliases: the file expands beyond what an answers or questionnaire file needs'
        : /call stack/i.test(text) ? 'the file is nested too deeply to read' : `cannot read the YAML: ${text}`;
    return { diagnostic: { file: source.file, ...(/alias/i.test(text) ? firstAlias(source, unresolved) : position(source, [])), message } };
  }
}

/** Where the first alias is (or the first whose anchor is missing), to point at it. */
function firstAlias(source: YamlSource, unresolvedOnly: boolean): { line: number; column: number } {
  let offset: number | undefined;
  const anchors = new Set<string>();
  const { isAlias, visit } = yamlLibrary();
  visit(source.doc, {
    Node(_key, node) {
      if (offset !== undefined) return visit.BREAK;
      if ('anchor' in node && typeof node.anchor === 'string') anchors.add(node.anchor);
      if (isAlias(node) && (!unresolvedOnly || !anchors.has(node.source))) offset = node.range?.[0];
      return undefined;
    },
  });
  if (offset === undefined) return position(source, []);
  const pos = source.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * The line and column of the node at `path` (or of its key, with `key: true`). Where the
 * path goes past what the file holds (a missing key), the deepest node that exists.
 */
export function position(source: YamlSource, path: readonly PathSegment[], key = false): { line: number; column: number } {
  let node: Node | null = (source.doc.contents as Node | null) ?? null;
  let keyNode: Node | null = null;
  for (const segment of path) {
    const next = child(node, segment);
    if (!next) break;
    node = next.value;
    keyNode = next.key;
  }
  const target = (key && keyNode) || node;
  const offset = target?.range?.[0] ?? firstContentOffset(source.text);
  const pos = source.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function child(node: Node | null, segment: PathSegment): { key: Node | null; value: Node } | null {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(segment)) {
        const keyNode = (pair.key as Node | null) ?? null;
        const value = (pair.value as Node | null) ?? keyNode;
        return value ? { key: keyNode, value } : null;
      }
    }
    return null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | undefined;
    return item ? { key: null, value: item } : null;
  }
  return null;
}

/** The first character that is not a comment or blank, for problems with the whole file. */
function firstContentOffset(text: string): number {
  const match = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text);
  const offset = match ? match[0].length : 0;
  return offset < text.length ? offset : 0;
}

/** The source text of a scalar, for fields kept exactly as written even if YAML reads a number. */
export function scalarSource(source: YamlSource, path: readonly PathSegment[]): string | undefined {
  let node: Node | null = (source.doc.contents as Node | null) ?? null;
  for (const segment of path) {
    node = child(node, segment)?.value ?? null;
    if (!node) return undefined;
  }
  return yamlLibrary().isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}
