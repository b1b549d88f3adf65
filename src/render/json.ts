// The result object of formats.md ("One respondent"). Key names are part of the contract.
import type { Diagnostic } from '../load/diagnostics.js';
import type { Assessment } from '../score/score.js';
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
