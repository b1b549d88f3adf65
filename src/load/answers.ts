// Loading an answers file: YAML, the zod shape, then every id and value checked against
// the questionnaire it names. People write these by hand, so labels ("Agree"), "don't
// know" and numbers written as strings are accepted, and every mistake is pointed at.
import { AnswersFileSchema, DONT_KNOW, DONT_KNOW_SPELLINGS, type Answer, type Answers } from '../schemas/answers.js';
import type { Questionnaire } from '../schemas/questionnaire.js';
import { memoPerObject } from '../util/memo.js';
import { closest, didYouMean } from '../util/suggest.js';
import { capProblems, MAX_PROBLEMS, quote, type Diagnostic, type Loaded } from './diagnostics.js';
import type { LoadedQuestionnaire } from './questionnaire.js';
import type { Registry } from './registry.js';
import { parseSimpleYaml } from './fast-yaml.js';
import { lazySource, parseYaml, position, readInputText, scalarSource, toPlain, type PathSegment, type YamlSource } from './yaml-document.js';
import { zodDiagnostics } from './zod-diagnostics.js';

export interface LoadedAnswers {
  file: string;
  answers: Answers;
  questionnaire: Questionnaire;
}

export function loadAnswersFile(file: string, registry: Registry): Loaded<LoadedAnswers> {
  const read = readInputText(file);
  if ('diagnostic' in read) return { ok: false, diagnostics: [read.diagnostic] };
  return parseAnswers(file, read.text, registry);
}

const REQUIRED = ['questionnaire', 'version', 'organisation'] as const;
/** Fields kept exactly as written: a YAML number or boolean there is taken as its text. */
const TEXT_FIELDS: PathSegment[][] = [['organisation'], ['scope'], ['respondent', 'name'], ['respondent', 'role']];

const fail = (diagnostics: Diagnostic[], notCounted = 0): Loaded<LoadedAnswers> => ({ ok: false, diagnostics: capProblems(diagnostics, notCounted) });

/** The file's content as plain data, with a source to find positions in; or its diagnostics. */
function readDocument(file: string, text: string): { source: YamlSource; record: Record<string, unknown> } | { diagnostics: Diagnostic[] } {
  // Most files are plain block YAML: read those directly and parse fully only if a position is needed.
  const simple = parseSimpleYaml(text);
  if (simple !== undefined && Object.keys(simple).length > 0) return { source: lazySource(file, text), record: simple };
  const { source, diagnostics } = parseYaml(file, text);
  if (diagnostics.length) return { diagnostics };
  if (source.doc.contents === null) {
    return { diagnostics: [{ file, line: 1, column: 1, message: `the file is empty; an answers file needs ${REQUIRED.join(', ')}` }] };
  }
  const plainResult = toPlain(source);
  if ('diagnostic' in plainResult) return { diagnostics: [plainResult.diagnostic] };
  const plain = plainResult.value;
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    const colonWithoutSpace = typeof plain === 'string' && /^\w[\w-]*:\S/.test(plain);
    return { diagnostics: [{ file, ...position(source, []), message: `an answers file should be a map of keys (questionnaire: ..., version: ..., organisation: ...), not ${Array.isArray(plain) ? 'a list' : 'a single value'}${colonWithoutSpace ? '; put a space after each colon ("version: 1")' : ''}` }] };
  }
  return { source, record: plain as Record<string, unknown> };
}

export function parseAnswers(file: string, text: string, registry: Registry): Loaded<LoadedAnswers> {
  const read = readDocument(file, text);
  if ('diagnostics' in read) return fail(read.diagnostics);
  const { source, record } = read;
  if (record.questionnaire === undefined && (record.conditions !== undefined || record.scale !== undefined)) {
    return fail([{ file, ...position(source, []), message: `this is a questionnaire file, not an answers file; to use it, name it with -q: ostrom-ready -q ${file} report ANSWERS_FILE` }]);
  }
  keepTextAsWritten(source, record);
  // A version typed as "1" is taken as 1, as answer values are.
  if (typeof record.version === 'string' && /^\s*\d+\s*$/.test(record.version)) record.version = Number(record.version);

  const problems: Diagnostic[] = [];
  // Problems past the limit are counted, not located (see MAX_PROBLEMS).
  const uncounted = { n: 0 };
  const missing = REQUIRED.filter((k) => record[k] === undefined);
  if (missing.length) {
    problems.push({ file, ...position(source, []), message: `missing required key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` });
  }
  const shape = AnswersFileSchema.safeParse(record);
  if (!shape.success) {
    const issues = shape.error.issues.filter((i) =>
      !(i.path.length === 1 && (REQUIRED as readonly PropertyKey[]).includes(i.path[0]!) && record[i.path[0] as string] === undefined)
      // An answer's value is checked against the scale below, with a better message.
      && !(i.path.length === 2 && i.path[0] === 'answers'));
    problems.push(...zodDiagnostics(source, record, AnswersFileSchema, issues.slice(0, MAX_PROBLEMS)));
    uncounted.n += Math.max(0, issues.length - MAX_PROBLEMS);
  }

  const found = resolveQuestionnaire(source, record, registry, problems);
  if (!found) return fail(problems, uncounted.n);
  const q = found.questionnaire;
  hintMisplacedIds(problems, q);
  const answers = checkAnswers(source, record.answers, q, problems, uncounted);
  const notes = checkNotes(source, record.notes, q, problems, uncounted);
  if (problems.length || !shape.success) return fail(problems, uncounted.n);

  const data = shape.data;
  return {
    ok: true,
    value: {
      file,
      questionnaire: q,
      answers: {
        questionnaire: data.questionnaire,
        version: data.version,
        organisation: data.organisation,
        scope: data.scope ?? null,
        respondent: { name: data.respondent?.name ?? null, role: data.respondent?.role ?? null },
        date: data.date ?? null,
        answers,
        notes,
      },
    },
  };
}

/** A question id at the top level was meant to be under answers: (an indentation slip). */
function hintMisplacedIds(problems: Diagnostic[], q: Questionnaire): void {
  const { idSet, noteSet } = lookup(q);
  for (const p of problems) {
    const key = /^unknown key "(.+?)"(?:; did you mean "[^"]*"\?)?$/.exec(p.message)?.[1];
    if (key && idSet.has(key)) p.message = `"${key}" is a question id: indent it under "answers:" with two spaces`;
    else if (key && noteSet.has(key)) p.message = `"${key}" is a condition id: indent it under "notes:" with two spaces`;
  }
}

function keepTextAsWritten(source: YamlSource, record: Record<string, unknown>): void {
  for (const path of TEXT_FIELDS) {
    let parent: unknown = record;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string, unknown> | null)?.[segment as string];
    if (!parent || typeof parent !== 'object' || Array.isArray(parent)) continue;
    const key = path[path.length - 1] as string;
    const value = (parent as Record<string, unknown>)[key];
    if (typeof value === 'number' || typeof value === 'boolean') {
      const text = scalarSource(source, path);
      if (text !== undefined) (parent as Record<string, unknown>)[key] = text;
    }
  }
  const notes = record.notes;
  if (notes && typeof notes === 'object' && !Array.isArray(notes)) {
    for (const [key, value] of Object.entries(notes)) {
      if (typeof value === 'number' || typeof value === 'boolean') {
        (notes as Record<string, unknown>)[key] = scalarSource(source, ['notes', key]) ?? String(value);
      }
    }
  }
}

function resolveQuestionnaire(source: YamlSource, record: Record<string, unknown>, registry: Registry, problems: Diagnostic[]): LoadedQuestionnaire | undefined {
  const id = record.questionnaire;
  const version = record.version;
  if (typeof id !== 'string' || typeof version !== 'number' || !Number.isInteger(version)) return undefined;
  const at = (key: string, message: string) => problems.push({ file: source.file, ...position(source, [key]), message });
  const chosen = registry.chosen;
  if (chosen) {
    const c = chosen.questionnaire;
    if (c.id === id && c.version === version) return chosen;
    // -q with an id chooses the questionnaire; the file still says which version it answered.
    const sameId = registry.chosenById && c.id === id ? registry.find(id, version) : undefined;
    if (sameId) return sameId;
    // -q may name the paired variant's partner or a file; the answers must still match it.
    at(c.id === id ? 'version' : 'questionnaire', `this file is for questionnaire "${id}" version ${version}, but -q chose "${c.id}" version ${c.version}`);
    return undefined;
  }
  const found = registry.find(id, version);
  if (found) return found;
  const versions = registry.entries.filter((e) => e.questionnaire.id === id).map((e) => e.questionnaire.version).sort((a, b) => a - b);
  if (versions.length) {
    at('version', `questionnaire "${id}" has no version ${version}; available versions: ${versions.join(', ')}`);
  } else {
    const near = closest(id, registry.ids());
    at('questionnaire', `no questionnaire "${id}" is available${near ? ` (did you mean "${near}"?)` : ''}; ${registry.availableText()}`);
  }
  return undefined;
}

export function allowedValuesText(q: Questionnaire): string {
  const options = q.scale.options.map((o) => `${o.value} (${o.label})`).join(', ');
  return q.scale.dontKnow ? `${options}, or dont-know` : options;
}

const DONT_KNOW_WORDS = new Set<string>(DONT_KNOW_SPELLINGS);

/** Lookups for one questionnaire, made once: batches check thousands of files against it. */
interface Lookup { ids: string[]; idSet: Set<string>; noteKeys: string[]; noteSet: Set<string>; values: Set<number>; byLabel: Map<string, number> }
const lookup = memoPerObject((q: Questionnaire): Lookup => {
  const ids = q.conditions.flatMap((c) => c.questions.map((x) => x.id));
  const noteKeys = [...q.conditions.map((c) => c.id), ...ids];
  return {
    ids, idSet: new Set(ids), noteKeys, noteSet: new Set(noteKeys),
    values: new Set(q.scale.options.map((o) => o.value)),
    byLabel: new Map(q.scale.options.map((o) => [o.label.trim().toLowerCase(), o.value])),
  };
});

/** A value as written in a file (or typed, or imported) mapped onto the scale. */
export function normaliseAnswer(value: unknown, q: Questionnaire): { answer: Answer } | { problem: string } {
  if (value === null || value === undefined) return { answer: null };
  const { values, byLabel } = lookup(q);
  const offScale = (shown: string) => ({ problem: `${shown} is not on the scale; allowed: ${allowedValuesText(q)}` });
  if (typeof value === 'number') return values.has(value) ? { answer: value } : offScale(String(value));
  if (typeof value !== 'string') return offScale(Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : quote(value));
  // Word and Outlook turn quotes into curly ones, which YAML does not read as quotes.
  const text = value.trim().replace(/^[“”‘’]+|[“”‘’]+$/g, '').trim();
  const folded = text.toLowerCase();
  if (folded === '') return { answer: null };
  if (DONT_KNOW_WORDS.has(folded)) {
    return q.scale.dontKnow ? { answer: DONT_KNOW } : { problem: `this questionnaire does not offer "don't know"; allowed: ${allowedValuesText(q)}` };
  }
  if (/^[+-]?\d+(?:\.\d+)?$/.test(text)) {
    const n = Number(text);
    return values.has(n) ? { answer: n } : offScale(quote(value));
  }
  const labelled = byLabel.get(folded);
  if (labelled !== undefined) return { answer: labelled };
  const labels = q.scale.options.map((o) => o.label);
  if (q.scale.dontKnow) labels.push("Don't know");
  const near = closest(text, labels);
  return { problem: `${quote(value)} is not on the scale${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${allowedValuesText(q)}` };
}

function checkAnswers(source: YamlSource, raw: unknown, q: Questionnaire, problems: Diagnostic[], uncounted: { n: number }): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  const { ids, idSet: known } = lookup(q);
  for (const id of ids) out[id] = null;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    if (!known.has(id)) {
      if (problems.length >= MAX_PROBLEMS) { uncounted.n++; continue; }
      problems.push({ file: source.file, ...position(source, ['answers', id], true), message: `unknown question id "${id}" for ${q.id} version ${q.version}${didYouMean(id, ids)}` });
      continue;
    }
    const result = normaliseAnswer(value, q);
    if ('problem' in result) {
      if (problems.length >= MAX_PROBLEMS) { uncounted.n++; continue; }
      problems.push({ file: source.file, ...position(source, ['answers', id]), message: `answer to "${id}": ${result.problem}` });
    } else {
      out[id] = result.answer;
    }
  }
  return out;
}

function checkNotes(source: YamlSource, raw: unknown, q: Questionnaire, problems: Diagnostic[], uncounted: { n: number }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const { noteKeys: keys, noteSet: known } = lookup(q);
  for (const [key, value] of Object.entries(raw)) {
    if (!known.has(key)) {
      if (problems.length >= MAX_PROBLEMS) { uncounted.n++; continue; }
      problems.push({ file: source.file, ...position(source, ['notes', key], true), message: `a note for "${key}", which is neither a question id nor a condition id${didYouMean(key, keys)}` });
    } else if (typeof value === 'string' && value !== '') {
      out[key] = value;
    }
  }
  return out;
}
