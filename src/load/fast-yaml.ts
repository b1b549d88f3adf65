// A fast path for the plain YAML that answers files almost always are: nested block maps of
// plain or quoted scalars, with comments. A batch of 10,000 files spends most of its time in
// the full YAML parser building a document it only needs when something is wrong, so this
// reads the common shape directly and gives up (returns undefined) on anything else: flow
// collections, sequences, anchors, tags, block scalars, multi-line values, duplicate keys.
// The caller then uses the full parser, which also gives every diagnostic its position.
// A test checks that whatever this accepts, the yaml package reads identically.

// Keys that YAML reads as the same string (not null, a boolean or a number).
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NOT_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Spaces that look like a space or indentation and that YAML reads as text (pasted from Word, say). */
export const TEXT_SPACES = '\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff';
// Those, and the line and page breaks, that JavaScript's trim() removes but YAML keeps.
const EXOTIC_SPACE = new RegExp(`[\\v\\f\\u2028\\u2029${TEXT_SPACES}]`);
// Characters that may not start a plain scalar in block context (YAML 1.2, 7.3.3).
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

type Plain = string | number | boolean | null | PlainMap;
interface PlainMap { [key: string]: Plain }

const GIVE_UP = Symbol('give up');

/** The value of a scalar as the yaml package's core schema reads it, or GIVE_UP. */
function scalar(raw: string): Plain | typeof GIVE_UP {
  const text = raw.trim();
  const digit = text.length === 1 ? text.charCodeAt(0) - 48 : -1;
  if (digit >= 0 && digit <= 9) return digit; // most answers: a scale value
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  const first = text[0]!;
  if (first === '"') {
    // A JSON string is a YAML double-quoted scalar with the same value, for these escapes.
    if (!text.endsWith('"') || text.length < 2 || /\\[^"\\/bfnrtu]/.test(text)) return GIVE_UP;
    try {
      const value = JSON.parse(text) as unknown;
      return typeof value === 'string' ? value : GIVE_UP;
    } catch {
      return GIVE_UP;
    }
  }
  if (first === "'") {
    if (!text.endsWith("'") || text.length < 2) return GIVE_UP;
    const inner = text.slice(1, -1);
    if (/'(?!')/.test(inner.replace(/''/g, ''))) return GIVE_UP;
    return inner.replace(/''/g, "'");
  }
  if (INDICATOR.test(text) && !(first === '-' && /^-[0-9.]/.test(text))) return GIVE_UP;
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #') || text.includes('\t')) return GIVE_UP;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (INT.test(text)) return Number.isSafeInteger(Number(text)) ? Number(text) : GIVE_UP;
  if (FLOAT.test(text)) return Number(text);
  if (/^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(text) || /^0[ox]/.test(text)) return GIVE_UP;
  return text;
}

/** Strip a trailing comment from a plain value: " #" starts one; quotes are handled by the caller. */
function withoutComment(value: string): string {
  const hash = value.search(/(^|\s)#/);
  return hash === -1 ? value : value.slice(0, hash);
}

/** The file as plain data when it is simple block YAML, else undefined. */
export function parseSimpleYaml(text: string): PlainMap | undefined {
  // A carriage return that does not end a line is a line break to YAML: leave it to the full
  // parser. So is any space that JavaScript's trim() removes but YAML reads as text (a
  // no-break space pasted from Word, say): below, trim() may then stand for YAML's own rules.
  if ((text.includes('\r') && /\r(?!\n)/.test(text)) || EXOTIC_SPACE.test(text)) return undefined;
  const root: PlainMap = {};
  // Open maps, by indentation; the last one with a pending key may gain children.
  const stack: { indent: number; map: PlainMap }[] = [{ indent: 0, map: root }];
  let pending: { indent: number; map: PlainMap; key: string } | null = null;
  let seenContent = false;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      if (line.includes('\t') && trimmed !== '' && !trimmed.startsWith('#')) return undefined;
      continue;
    }
    if (!seenContent && line === '---') {
      seenContent = true;
      continue;
    }
    seenContent = true;
    const indent = line.length - trimmed.length;
    if (line.slice(0, indent).includes('\t') || trimmed.startsWith('---') || trimmed.startsWith('...')) return undefined;
    const colon = trimmed.indexOf(':');
    if (colon <= 0) return undefined;
    const key = trimmed.slice(0, colon);
    if (colon > 1000 || !KEY.test(key) || NOT_STRING_KEYS.has(key) || key === '__proto__') return undefined;
    const rest = trimmed.slice(colon + 1);
    if (rest !== '' && !rest.startsWith(' ')) return undefined;

    if (pending) {
      if (indent > pending.indent) {
        // The pending key opens a nested map.
        const child: PlainMap = {};
        pending.map[pending.key] = child;
        stack.push({ indent, map: child });
      }
      pending = null;
    }
    while (stack.length > 1 && indent < stack[stack.length - 1]!.indent) stack.pop();
    const top = stack[stack.length - 1]!;
    if (indent !== top.indent) return undefined;
    // A duplicate (the full parser says where), or a name Object.prototype has: give up on both.
    if (key in top.map) return undefined;

    const body = rest.trimStart();
    if (body === '' || body.startsWith('#')) {
      top.map[key] = null;
      pending = { indent, map: top.map, key };
      continue;
    }
    let value: Plain | typeof GIVE_UP;
    if (body.startsWith('"') || body.startsWith("'")) {
      // A quoted value, then perhaps a comment.
      const m = body[0] === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(body) : /^'(?:[^']|'')*'/.exec(body);
      if (!m) return undefined;
      const after = body.slice(m[0].length).trim();
      if (after !== '' && !after.startsWith('#')) return undefined;
      if (after.startsWith('#') && !/\s$/.test(body.slice(0, m[0].length + 1))) return undefined;
      value = scalar(m[0]);
    } else {
      value = scalar(withoutComment(body));
    }
    if (value === GIVE_UP) return undefined;
    // A value that goes on over the next line is a multi-line plain scalar: give up.
    const next = lines[n + 1]?.trimStart();
    if (next && !next.startsWith('#') && lines[n + 1]!.length - next.length > indent && !next.includes(':')) return undefined;
    top.map[key] = value;
  }
  return root;
}
