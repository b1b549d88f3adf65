// The answers file that assess keeps on disk: a valid answers file (formats.md) at every
// moment, with every question id of the questionnaire (null until answered), written
// atomically after every answer so that a crash loses at most the answer being given.
import { yamlLibrary } from '../load/yaml-lib.js';
import type { Answers } from '../schemas/answers.js';
import type { Question, Questionnaire } from '../schemas/questionnaire.js';
import { writeFileAtomic } from '../util/write.js';

export function questionsOf(q: Questionnaire): Question[] {
  return q.conditions.flatMap((c) => c.questions);
}

/** A new, empty set of answers: every question unanswered. */
export function newDraft(q: Questionnaire, details: { organisation: string; scope?: string | null; role?: string | null; date: string }): Answers {
  return {
    questionnaire: q.id,
    version: q.version,
    organisation: details.organisation,
    scope: details.scope ?? null,
    respondent: { name: null, role: details.role ?? null },
    date: details.date,
    answers: Object.fromEntries(questionsOf(q).map((x) => [x.id, null])),
    notes: {},
  };
}

export function answeredCount(draft: Answers, q: Questionnaire): number {
  return questionsOf(q).filter((x) => (draft.answers[x.id] ?? null) !== null).length;
}

/** The index of the first unanswered question, or -1 when every question has an answer. */
export function firstUnanswered(draft: Answers, q: Questionnaire): number {
  return questionsOf(q).findIndex((x) => (draft.answers[x.id] ?? null) === null);
}

export function serialiseAnswers(draft: Answers, q: Questionnaire): string {
  const respondent: Record<string, string | null> = {};
  if (draft.respondent.name !== null) respondent.name = draft.respondent.name;
  respondent.role = draft.respondent.role;
  // Questionnaire order, whatever order the draft was filled in.
  const answers = Object.fromEntries(questionsOf(q).map((x) => [x.id, draft.answers[x.id] ?? null]));
  const noteKeys = [...q.conditions.flatMap((c) => [c.id, ...c.questions.map((x) => x.id)])];
  const notes = Object.fromEntries(noteKeys.filter((k) => draft.notes[k] !== undefined && draft.notes[k] !== '').map((k) => [k, draft.notes[k]!]));
  const doc = new (yamlLibrary().Document)({
    questionnaire: draft.questionnaire,
    version: draft.version,
    organisation: draft.organisation,
    scope: draft.scope,
    respondent,
    date: draft.date,
    answers,
    notes,
  });
  doc.commentBefore = ' Saved by ostrom-ready assess after every answer. To carry on, or to review\n the answers: ostrom-ready assess --answers <this file>';
  return doc.toString({ lineWidth: 0 });
}

/**
 * Save the draft. The first save of a new file never replaces an existing one; later saves
 * replace the file being resumed. Flushed to disk before the rename (durable), so that a
 * power cut leaves the previous complete file rather than an empty one.
 */
export function saveAnswers(file: string, draft: Answers, q: Questionnaire, options: { replace: boolean }): void {
  writeFileAtomic(file, serialiseAnswers(draft, q), { overwrite: options.replace, durable: true });
}
