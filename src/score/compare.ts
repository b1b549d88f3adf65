// Progress over time (scoring.md, "Over time"): an earlier and a later side, each one
// respondent or a group, matched by condition and question id. Pure.
import type { Barrier, Condition, Question, Questionnaire } from '../schemas/questionnaire.js';
import { assessGroup } from './group.js';
import { isSubstantive, itemScore, scaleRange, type Assessment } from './score.js';

export interface CompareSide {
  questionnaire: Questionnaire;
  /** One respondent's file date, or the latest date in a group. */
  date: string | null;
  respondents: number;
  /** One respondent's assessment, when the side is a single file. */
  single: Assessment | null;
  overall: number | null;
  conditions: Map<string, number | null>;
  /** Barriers present: for a group, those present for at least half the people. */
  present: Set<string>;
  /** Substantive answers by question id: the value, or a group's mean. */
  answers: Map<string, number>;
}

export interface Change { earlier: number | null; later: number | null; change: number | null }

export interface Mover { question: Question; earlier: number; later: number; change: number; better: boolean }

export interface Comparison {
  earlier: CompareSide;
  later: CompareSide;
  versionsDiffer: boolean;
  overall: Change;
  conditions: (Change & { condition: Condition })[];
  barriers: { resolved: Barrier[]; new: Barrier[]; persisting: Barrier[] };
  movers: Mover[];
}

export const MOVERS_LIMIT = 10;

export function sideOf(assessments: readonly Assessment[]): CompareSide {
  if (assessments.length === 1) {
    const a = assessments[0]!;
    const answers = new Map<string, number>();
    for (const [id, answer] of Object.entries(a.answers.answers)) if (isSubstantive(answer)) answers.set(id, answer);
    return {
      questionnaire: a.questionnaire,
      date: a.answers.date,
      respondents: 1,
      single: a,
      overall: a.overall.score,
      conditions: new Map(a.conditions.map((c) => [c.condition.id, c.score])),
      present: new Set(a.barriers.filter((b) => b.status === 'present').map((b) => b.barrier.id)),
      answers,
    };
  }
  // A side is the whole group: no role breakdown, so no privacy threshold applies here.
  const g = assessGroup(assessments, { minGroup: 1 });
  return {
    questionnaire: g.questionnaire,
    date: g.dates.latest,
    respondents: g.respondents,
    single: null,
    overall: g.overall.score,
    conditions: new Map(g.conditions.map((c) => [c.condition.id, c.score])),
    present: new Set(g.planBarriers.map((b) => b.barrier.id)),
    answers: new Map(g.questions.filter((s) => s.mean !== null).map((s) => [s.question.id, s.mean!])),
  };
}

const change = (earlier: number | null, later: number | null): Change => ({
  earlier, later, change: earlier === null || later === null ? null : later - earlier,
});

export function compare(earlier: CompareSide, later: CompareSide): Comparison {
  // Conditions and questions in the later questionnaire's order, then any only the earlier had.
  const conditions: Condition[] = [...later.questionnaire.conditions];
  for (const c of earlier.questionnaire.conditions) if (!conditions.some((x) => x.id === c.id)) conditions.push(c);

  const laterBarriers = new Map(later.questionnaire.barriers.map((b) => [b.id, b]));
  const both = earlier.questionnaire.barriers.filter((b) => laterBarriers.has(b.id)).map((b) => laterBarriers.get(b.id)!);
  const barriers = {
    resolved: both.filter((b) => earlier.present.has(b.id) && !later.present.has(b.id)),
    new: both.filter((b) => !earlier.present.has(b.id) && later.present.has(b.id)),
    persisting: both.filter((b) => earlier.present.has(b.id) && later.present.has(b.id)),
  };

  const range = scaleRange(later.questionnaire);
  const questions = conditions.flatMap((c) => c.questions);
  const movers = questions
    .filter((question) => earlier.answers.has(question.id) && later.answers.has(question.id))
    .map((question) => {
      const e = earlier.answers.get(question.id)!;
      const l = later.answers.get(question.id)!;
      return { question, earlier: e, later: l, change: l - e, better: itemScore(l, question, range) > itemScore(e, question, range) };
    })
    .filter((m) => m.change !== 0)
    // Largest moves first; ties keep questionnaire order (the sort is stable).
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
    .slice(0, MOVERS_LIMIT);

  return {
    earlier,
    later,
    versionsDiffer: earlier.questionnaire.version !== later.questionnaire.version,
    overall: change(earlier.overall, later.overall),
    conditions: conditions.map((condition) => ({ condition, ...change(earlier.conditions.get(condition.id) ?? null, later.conditions.get(condition.id) ?? null) })),
    barriers,
    movers,
  };
}
