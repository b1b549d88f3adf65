// Loading one questionnaire file: YAML, then the zod shape, then the checks that the shape
// cannot express (unique ids, references that resolve, ascending bands and scale).
import { questionnaireSchema, type Questionnaire } from '../schemas/questionnaire.js';
import { didYouMean } from '../util/suggest.js';
import { capProblems, MAX_PROBLEMS, type Diagnostic, type Loaded } from './diagnostics.js';
import { parseYaml, position, readInputText, toPlain, type PathSegment, type YamlSource } from './yaml-document.js';
import { zodDiagnostics } from './zod-diagnostics.js';

export interface LoadedQuestionnaire {
  file: string;
  questionnaire: Questionnaire;
  source: YamlSource;
}

export function loadQuestionnaireFile(file: string): Loaded<LoadedQuestionnaire> {
  const read = readInputText(file);
  if ('diagnostic' in read) return { ok: false, diagnostics: [read.diagnostic] };
  return parseQuestionnaire(file, read.text);
}

export function parseQuestionnaire(file: string, text: string): Loaded<LoadedQuestionnaire> {
  const { source, diagnostics } = parseYaml(file, text);
  if (diagnostics.length) return { ok: false, diagnostics: capProblems(diagnostics) };
  if (source.doc.contents === null) {
    return { ok: false, diagnostics: [{ file, line: 1, column: 1, message: 'the file is empty; a questionnaire needs id, version, title, scale, bands and conditions' }] };
  }
  const plain = toPlain(source);
  if ('diagnostic' in plain) return { ok: false, diagnostics: [plain.diagnostic] };
  if (plain.value === null || typeof plain.value !== 'object' || Array.isArray(plain.value)) {
    return { ok: false, diagnostics: [{ file, ...position(source, []), message: 'a questionnaire file should be a map of keys (id: ..., version: ..., conditions: ...)' }] };
  }
  const parsed = questionnaireSchema().safeParse(plain.value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    return { ok: false, diagnostics: capProblems(zodDiagnostics(source, plain.value, questionnaireSchema(), issues.slice(0, MAX_PROBLEMS)), Math.max(0, issues.length - MAX_PROBLEMS)) };
  }
  const problems = checkQuestionnaire(source, parsed.data);
  if (problems.length) return { ok: false, diagnostics: capProblems(problems) };
  return { ok: true, value: { file, questionnaire: parsed.data, source } };
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Checks beyond the shape, each reported at the node it is about. */
function checkQuestionnaire(source: YamlSource, q: Questionnaire): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: PathSegment[], message: string) => out.push({ file: source.file, ...position(source, path), message });

  const unique = (items: { id: string }[], base: PathSegment[], what: string, seen = new Map<string, string>()) => {
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first) at([...base, i, 'id'], `duplicate ${what} id "${item.id}" (first used at ${first})`);
      else {
        const p = position(source, [...base, i, 'id']);
        seen.set(item.id, `line ${p.line}`);
      }
    });
    return seen;
  };
  unique(q.conditions, ['conditions'], 'condition');
  const questionIds = new Map<string, string>();
  q.conditions.forEach((c, ci) => unique(c.questions, ['conditions', ci, 'questions'], 'question', questionIds));
  unique(q.barriers, ['barriers'], 'barrier');
  unique(q.actions, ['actions'], 'action');
  unique(q.references.map((r) => ({ id: r.key })), ['references'], 'reference');

  const actionIds = new Set(q.actions.map((a) => a.id));
  const referenceKeys = new Set(q.references.map((r) => r.key));
  const ref = (set: Set<string>, what: string, id: string, path: PathSegment[]) => {
    if (!set.has(id)) at(path, `${what} "${id}" is not defined in this questionnaire${didYouMean(id, set)}`);
  };
  q.conditions.forEach((c, ci) => {
    if (c.source) ref(referenceKeys, 'reference', c.source, ['conditions', ci, 'source']);
    c.actions.forEach((a, ai) => ref(actionIds, 'action', a, ['conditions', ci, 'actions', ai]));
  });
  const questionSet = new Set(questionIds.keys());
  q.barriers.forEach((b, bi) => {
    if (b.source) ref(referenceKeys, 'reference', b.source, ['barriers', bi, 'source']);
    b.signals.forEach((s, si) => ref(questionSet, 'question', s, ['barriers', bi, 'signals', si]));
    b.actions.forEach((a, ai) => ref(actionIds, 'action', a, ['barriers', bi, 'actions', ai]));
  });
  q.actions.forEach((a, ai) => a.sources.forEach((s, si) => ref(referenceKeys, 'reference', s, ['actions', ai, 'sources', si])));

  const values = q.scale.options.map((o) => o.value);
  values.forEach((v, i) => {
    if (i > 0 && v <= values[i - 1]!) at(['scale', 'options', i, 'value'], `scale values must be ascending and distinct: ${v} comes after ${values[i - 1]}`);
  });
  const labels = new Set<string>();
  q.scale.options.forEach((o, i) => {
    const key = o.label.trim().toLowerCase();
    if (labels.has(key)) at(['scale', 'options', i, 'label'], `scale label "${o.label}" is used twice; answers are matched by label`);
    labels.add(key);
  });
  if (q.bands[0] && q.bands[0].min !== 0) at(['bands', 0, 'min'], `the first band must start at 0, not ${q.bands[0].min}`);
  q.bands.forEach((b, i) => {
    const before = q.bands[i - 1];
    if (before && b.min <= before.min) at(['bands', i, 'min'], `bands must be ascending by min: ${b.min} comes after ${before.min}`);
  });
  return out;
}
