// The result object of formats.md ("One respondent"). Key names are part of the contract.
import type { Diagnostic } from '../load/diagnostics.js';
import type { Assessment } from '../score/score.js';
import { memoPerObject } from '../util/memo.js';
import { GENERATOR } from '../version.js';
import { roundTo } from './markdown.js';

/** One decimal place, for writing; null stays null. */
export const round1 = (n: number | null): number | null => (n === null ? null : roundTo(n, 1));

export interface ResultOptions {
  /** Include the respondent's name (--named). */
  named?: boolean;
}

export function resultObject(file: string, a: Assessment, options: ResultOptions = {}): Record<string, unknown> {
  const { answers, questionnaire: q } = a;
  return {
    file,
    generator: GENERATOR,
    questionnaire: { id: q.id, version: q.version },
    organisation: answers.organisation,
    scope: answers.scope,
    role: answers.respondent.role,
    ...(options.named ? { name: answers.respondent.name } : {}),
    date: answers.date,
    overall: { score: round1(a.overall.score), band: a.overall.band?.label ?? null },
    weakest: a.weakest?.condition.id ?? null,
    conditions: a.conditions.map((c) => ({
      id: c.condition.id,
      title: c.condition.title,
      score: round1(c.score),
      band: c.band?.label ?? null,
      questions: c.questions,
      answered: c.answered,
      dontKnow: c.dontKnow,
      unanswered: c.unanswered,
      coverage: round1(c.coverage),
    })),
    barriers: a.barriers.map((b) => ({
      id: b.barrier.id,
      kind: b.barrier.kind,
      title: b.barrier.title,
      status: b.status,
      present: b.status === 'present',
      strength: round1(b.strength),
      answered: b.answered,
      signalledBy: b.signalledBy,
    })),
    actions: a.actions,
  };
}

// `score --json` writes one result per input. JSON.stringify of the whole object took most of
// the time of a line: most of it is the questionnaire's own text (titles, ids), the same in
// every line. resultLine writes those parts once per questionnaire and only the answers' own
// values for each input. A test checks that it gives exactly JSON.stringify(resultObject()).
interface LineParts {
  /** From after the file to the organisation's value: generator and questionnaire. */
  afterFile: string;
  conditions: Map<string, string>;
  barriers: Map<string, string>;
  signals: Map<string, string>;
}
const linePartsOf = memoPerObject((q: Assessment['questionnaire']): LineParts => {
  const j = JSON.stringify;
  return {
    afterFile: `,"generator":${j(GENERATOR)},"questionnaire":{"id":${j(q.id)},"version":${j(q.version)}},"organisation":`,
    conditions: new Map(q.conditions.map((c) => [c.id, `{"id":${j(c.id)},"title":${j(c.title)},"score":`])),
    barriers: new Map(q.barriers.map((b) => [b.id, `{"id":${j(b.id)},"kind":${j(b.kind)},"title":${j(b.title)},"status":`])),
    signals: new Map(q.conditions.flatMap((c) => c.questions.map((x) => [x.id, `{"question":${j(x.id)},"answer":`]))),
  };
});

/** JSON.stringify(resultObject(file, a, options)), made faster for batches. */
export function resultLine(file: string, a: Assessment, options: ResultOptions = {}): string {
  const j = JSON.stringify;
  const { answers } = a;
  const parts = linePartsOf(a.questionnaire);
  let line = `{"file":${j(file)}${parts.afterFile}${j(answers.organisation)},"scope":${j(answers.scope)},"role":${j(answers.respondent.role)}`;
  if (options.named) line += `,"name":${j(answers.respondent.name)}`;
  line += `,"date":${j(answers.date)},"overall":{"score":${j(round1(a.overall.score))},"band":${j(a.overall.band?.label ?? null)}},"weakest":${j(a.weakest?.condition.id ?? null)},"conditions":[`;
  a.conditions.forEach((c, i) => {
    line += `${i ? ',' : ''}${parts.conditions.get(c.condition.id)!}${j(round1(c.score))},"band":${j(c.band?.label ?? null)},"questions":${c.questions},"answered":${c.answered},"dontKnow":${c.dontKnow},"unanswered":${c.unanswered},"coverage":${j(round1(c.coverage))}}`;
  });
  line += '],"barriers":[';
  a.barriers.forEach((b, i) => {
    line += `${i ? ',' : ''}${parts.barriers.get(b.barrier.id)!}${j(b.status)},"present":${b.status === 'present'},"strength":${j(round1(b.strength))},"answered":${b.answered},"signalledBy":[`;
    b.signalledBy.forEach((s, k) => { line += `${k ? ',' : ''}${parts.signals.get(s.question)!}${j(s.answer)}}`; });
    line += ']}';
  });
  return `${line}],"actions":${j(a.actions)}}`;
}

export interface FileError { message: string; line: number; column: number }

/** A file's first problem, as the error of formats.md. */
export function firstError(diagnostics: readonly Diagnostic[], otherwise: string): FileError {
  const first = diagnostics[0];
  return { message: first?.message ?? otherwise, line: first?.line ?? 1, column: first?.column ?? 1 };
}

/** The error object written in place of a result for a file that cannot be scored. */
export function errorObject(file: string, diagnostics: readonly Diagnostic[]): { file: string; generator: string; error: FileError } {
  return { file, generator: GENERATOR, error: firstError(diagnostics, 'the file cannot be scored') };
}
