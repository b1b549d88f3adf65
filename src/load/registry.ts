// The questionnaires a command can use: the bundled ones (every released version), a
// user's folder (--questionnaires) and a file named with -q. Found by id and version,
// never by file name.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_QUESTIONNAIRES } from '../paths.js';
import { questionCount, type Questionnaire } from '../schemas/questionnaire.js';
import { didYouMean } from '../util/suggest.js';
import { UsageError, type Diagnostic } from './diagnostics.js';
import { readBundledCache } from './bundled-cache.js';
import { loadQuestionnaireFile, sortDiagnostics, type LoadedQuestionnaire } from './questionnaire.js';
import { position, type PathSegment } from './yaml-document.js';

export const DEFAULT_QUESTIONNAIRE = 'ostrom-four-conditions';

export interface RegistryOptions {
  /** -q: an id, or a questionnaire file. */
  questionnaire?: string | undefined;
  /** --questionnaires: a further folder. */
  questionnairesDir?: string | undefined;
  /** For tests: a folder to use instead of the bundled one. */
  bundledDir?: string;
  /** Use the build's cache of the bundled questionnaires (default true). */
  useCache?: boolean;
}

export class Registry {
  constructor(
    readonly entries: LoadedQuestionnaire[],
    /** Problems in questionnaire files found along the way (a user's folder). */
    readonly problems: Diagnostic[],
    /** The questionnaire chosen with -q, if any. */
    readonly chosen: LoadedQuestionnaire | undefined,
    /** -q named an id (any available version may then be used), not a file. */
    readonly chosenById = false,
  ) {}

  find(id: string, version: number): LoadedQuestionnaire | undefined {
    return this.entries.find((e) => e.questionnaire.id === id && e.questionnaire.version === version);
  }

  latest(id: string): LoadedQuestionnaire | undefined {
    return this.entries.filter((e) => e.questionnaire.id === id).sort((a, b) => b.questionnaire.version - a.questionnaire.version)[0];
  }

  /** The questionnaire for a command that has no answers file to go by. */
  current(): LoadedQuestionnaire {
    const found = this.chosen ?? this.latest(DEFAULT_QUESTIONNAIRE);
    if (!found) throw new UsageError(`no questionnaire "${DEFAULT_QUESTIONNAIRE}" is available; ${this.availableText()}`);
    return found;
  }

  ids(): string[] {
    return [...new Set(this.entries.map((e) => e.questionnaire.id))];
  }

  availableText(): string {
    if (!this.entries.length) return 'no questionnaires are available';
    return `available: ${this.entries.map((e) => `${e.questionnaire.id} (version ${e.questionnaire.version})`).join(', ')}`;
  }
}

function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** A -q value names a file when it looks like a path; otherwise it is an id. */
export function looksLikeFile(value: string): boolean {
  return /[\\/]/.test(value) || /\.ya?ml$/i.test(value) || existsSync(value);
}

export function loadRegistry(options: RegistryOptions = {}): Registry {
  const entries: LoadedQuestionnaire[] = [];
  const problems: Diagnostic[] = [];
  const add = (loaded: LoadedQuestionnaire): boolean => {
    const { id, version } = loaded.questionnaire;
    const twin = entries.find((e) => e.questionnaire.id === id && e.questionnaire.version === version);
    if (twin) {
      problems.push(duplicateDefinition(loaded, twin));
      return false;
    }
    entries.push(loaded);
    return true;
  };
  const loadAll = (files: string[], cached: (LoadedQuestionnaire | null)[] = []) => {
    files.forEach((file, i) => {
      const hit = cached[i];
      if (hit) {
        add(hit);
        return;
      }
      const loaded = loadQuestionnaireFile(file);
      if (loaded.ok) add(loaded.value);
      else problems.push(...loaded.diagnostics);
    });
  };

  const bundledFiles = yamlFilesIn(options.bundledDir ?? BUNDLED_QUESTIONNAIRES);
  loadAll(bundledFiles, options.bundledDir === undefined && options.useCache !== false ? readBundledCache(bundledFiles) : []);
  if (options.questionnairesDir !== undefined) {
    const dir = options.questionnairesDir;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--questionnaires ${dir}: no such folder`);
    loadAll(yamlFilesIn(dir));
  }

  let chosen: LoadedQuestionnaire | undefined;
  const q = options.questionnaire;
  if (q !== undefined) {
    if (looksLikeFile(q)) {
      if (!existsSync(q)) throw new UsageError(`-q ${q}: no such file`);
      const loaded = loadQuestionnaireFile(q);
      if (!loaded.ok) throw new QuestionnaireLoadError(q, loaded.diagnostics);
      if (!add(loaded.value)) throw new QuestionnaireLoadError(q, problems.splice(-1));
      chosen = loaded.value;
    } else {
      const ids = [...new Set(entries.map((e) => e.questionnaire.id))];
      chosen = entries.filter((e) => e.questionnaire.id === q).sort((a, b) => b.questionnaire.version - a.questionnaire.version)[0];
      if (!chosen) throw new UsageError(`-q ${q}: no such questionnaire${didYouMean(q, ids)}; available: ${ids.join(', ') || 'none'}`);
    }
  }

  for (const entry of entries) problems.push(...checkPair(entry, entries));
  // A questionnaire chosen with -q that does not agree with its pair cannot be used.
  const chosenProblems = chosen ? problems.filter((d) => d.file === chosen!.file) : [];
  if (chosen && chosenProblems.length) throw new QuestionnaireLoadError(chosen.file, chosenProblems);
  return new Registry(entries, sortDiagnostics(problems), chosen, q !== undefined && !looksLikeFile(q));
}

/** A questionnaire named by -q could not be loaded: its diagnostics, then exit 2. */
export class QuestionnaireLoadError extends UsageError {
  constructor(readonly file: string, readonly diagnostics: Diagnostic[]) {
    super(`-q ${file}: the questionnaire cannot be loaded`);
  }
}

/** The latest version of the questionnaire paired with `q` that names `q` back, if any. */
export function partnerOf(q: Questionnaire, all: readonly LoadedQuestionnaire[]): LoadedQuestionnaire | undefined {
  if (!q.pairedWith) return undefined;
  return all
    .filter((e) => e.questionnaire.id === q.pairedWith && e.questionnaire.pairedWith === q.id)
    .sort((a, b) => b.questionnaire.version - a.questionnaire.version)[0];
}

/** "also defined in": two files give the same id and version. Reported at the later file's id. */
export function duplicateDefinition(entry: LoadedQuestionnaire, twin: LoadedQuestionnaire): Diagnostic {
  const { id, version } = entry.questionnaire;
  return { file: entry.file, ...position(entry.source, ['id']), message: `questionnaire "${id}" version ${version} is also defined in ${twin.file}; give one a new version or id` };
}

/**
 * Paired variants ask the same things of different people: the same conditions, scale,
 * barriers and actions, and a shared question id means the same question. Problems are
 * reported in `entry`'s own file.
 */
export function checkPair(entry: LoadedQuestionnaire, all: LoadedQuestionnaire[]): Diagnostic[] {
  const q = entry.questionnaire;
  if (!q.pairedWith) return [];
  const partner = partnerOf(q, all);
  const out: Diagnostic[] = [];
  const at = (p: PathSegment[], message: string) => out.push({ file: entry.file, ...position(entry.source, p), message });
  if (!partner) {
    const named = all.find((e) => e.questionnaire.id === q.pairedWith);
    if (named) at(['pairedWith'], `"${q.pairedWith}" does not name "${q.id}" in its pairedWith`);
    return out;
  }
  const p = partner.questionnaire;
  const other = `the paired questionnaire "${p.id}"`;
  const list = (xs: string[]) => xs.join(', ');

  const conditionIds = q.conditions.map((c) => c.id);
  const partnerConditionIds = p.conditions.map((c) => c.id);
  if (list(conditionIds) !== list(partnerConditionIds)) {
    at(['conditions'], `the conditions (${list(conditionIds)}) differ from those of ${other} (${list(partnerConditionIds)})`);
  }
  const scale = (x: Questionnaire) => x.scale.options.map((o) => o.value).join(',') + `|${x.scale.dontKnow}`;
  if (scale(q) !== scale(p)) at(['scale'], `the scale differs from that of ${other}; paired questionnaires share one scale`);
  const sameIds = (key: 'barriers' | 'actions') => {
    const mine = q[key].map((x) => x.id).sort();
    const theirs = p[key].map((x) => x.id).sort();
    if (list(mine) !== list(theirs)) {
      const missing = theirs.filter((id) => !mine.includes(id));
      const extra = mine.filter((id) => !theirs.includes(id));
      at([key], `the ${key} differ from those of ${other}${missing.length ? `; missing: ${list(missing)}` : ''}${extra.length ? `; not in ${p.id}: ${list(extra)}` : ''}`);
    }
  };
  sameIds('barriers');
  sameIds('actions');

  const partnerQuestions = new Map(p.conditions.flatMap((c) => c.questions.map((x) => [x.id, { condition: c.id, question: x }] as const)));
  const mineCount = questionCount(q);
  const partnerCount = partnerQuestions.size;
  q.conditions.forEach((c, ci) => {
    c.questions.forEach((question, qi) => {
      const twin = partnerQuestions.get(question.id);
      const here: PathSegment[] = ['conditions', ci, 'questions', qi];
      if (!twin) {
        // Only the fuller questionnaire may have questions the other leaves out.
        if (mineCount <= partnerCount) at([...here, 'id'], `question "${question.id}" is not in ${other}; a variant may leave questions out, not add them`);
        return;
      }
      if (twin.condition !== c.id) at([...here, 'id'], `question "${question.id}" is under "${c.id}" here but under "${twin.condition}" in ${other}`);
      if (twin.question.reverse !== question.reverse) at([...here, 'id'], `question "${question.id}" has reverse: ${question.reverse} here but ${twin.question.reverse} in ${other}`);
      if (twin.question.weight !== question.weight) at([...here, 'id'], `question "${question.id}" has weight ${question.weight} here but ${twin.question.weight} in ${other}`);
    });
    const partnerCondition = p.conditions.find((x) => x.id === c.id);
    if (partnerCondition && c.questions.length < partnerCondition.questions.length && c.questions.length < 6) {
      at(['conditions', ci, 'questions'], `condition "${c.id}" keeps ${c.questions.length} of the ${partnerCondition.questions.length} questions of ${other}; a variant keeps at least six per condition`);
    }
  });
  return out;
}
