// zod issues turned into diagnostics that point at the YAML node they are about.
import type * as z from 'zod';
import { didYouMean } from '../util/suggest.js';
import type { Diagnostic } from './diagnostics.js';
import { TEXT_SPACES } from './fast-yaml.js';
import { position, type PathSegment, type YamlSource } from './yaml-document.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function zodDiagnostics(source: YamlSource, plain: unknown, schema: AnySchema, issues: readonly Issue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        out.push({ file: source.file, ...position(source, [...path, key], true), message: `unknown key "${key}"${where(path)}${oddSpace(key) ?? didYouMean(key, known)}` });
      }
      continue;
    }
    const parent = valueAt(plain, path.slice(0, -1));
    const value = valueAt(plain, path);
    if (value === undefined && path.length > 0 && parent !== undefined && parent !== null) {
      out.push({ file: source.file, ...position(source, path.slice(0, -1)), message: `missing required key "${String(path[path.length - 1])}"${where(path.slice(0, -1))}` });
      continue;
    }
    out.push({ file: source.file, ...position(source, path), message: describe(issue, path, value) });
  }
  return out;
}

// A key that starts with one looked indented, but YAML reads the space as part of the key.
const ODD_SPACE = new RegExp(`^[${TEXT_SPACES}]`);

function oddSpace(key: string): string | undefined {
  const odd = ODD_SPACE.exec(key)?.[0];
  if (!odd) return undefined;
  const code = `U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `: it starts with ${odd === '\u00a0' ? 'a no-break space' : 'an unusual space'} (${code}), which YAML reads as part of the key; indent with ordinary spaces`;
}

function where(path: readonly PathSegment[]): string {
  return path.length ? ` in ${pathText(path)}` : '';
}

export function pathText(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const EXPECTED: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false',
  array: 'a list', object: 'a map of keys and values', record: 'a map of keys and values', null: 'empty (null)',
};

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  return typeof value;
}

function describe(issue: Issue, path: readonly PathSegment[], value: unknown): string {
  const name = path.length ? `"${pathText(path)}"` : 'the file';
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    return `${name} should be ${expected}, not ${kindOf(value)}`;
  }
  if (issue.code === 'invalid_union') return `${name} has a value of the wrong kind (${kindOf(value)})`;
  if (issue.code === 'invalid_value') return `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `${name} needs at least ${issue.minimum} item(s)`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `${name} must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}, not ${String(value)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `${name} must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, not ${String(value)}`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `${name} must not be empty`;
  if (issue.code === 'invalid_format' || issue.code === 'custom') return `${name} ${issue.message}`;
  return `${name}: ${issue.message}`;
}

export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

interface Def { type: string; innerType?: AnySchema; in?: AnySchema; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema }
const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** The keys an object schema allows at `path`, for suggestions. */
function keysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let s: AnySchema | undefined = schema;
  for (const segment of path) {
    if (!s) return [];
    const def = defOf(unwrap(s));
    s = def.type === 'object' ? def.shape?.[String(segment)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
  }
  if (!s) return [];
  const def = defOf(unwrap(s));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
