// Scoring one respondent, exactly as scoring.md says. Pure: no I/O, no rounding (numbers
// are rounded only when shown or written).
import { DONT_KNOW, type Answer, type Answers } from '../schemas/answers.js';
import type { Band, Barrier, Condition, Question, Questionnaire } from '../schemas/questionnaire.js';
import { memoPerObject } from '../util/memo.js';

export interface ItemResult {
  question: Question;
  condition: string;
  answer: Answer;
  /** 0 (weakest) to 1 (strongest) for a substantive answer, else null. */
  itemScore: number | null;
  /** The answer signals this question's barriers. */
  signals: boolean;
}

export interface ConditionResult {
  condition: Condition;
  score: number | null;
  band: Band | null;
  questions: number;
  answered: number;
  dontKnow: number;
  unanswered: number;
  coverage: number;
  items: ItemResult[];
}

export type BarrierStatus = 'present' | 'possible' | 'absent' | 'unknown';

export interface BarrierResult {
  barrier: Barrier;
  status: BarrierStatus;
  strength: number | null;
  answered: number;
  signalling: number;
  signalledBy: { question: string; answer: number }[];
}

export interface Assessment {
  questionnaire: Questionnaire;
  answers: Answers;
  conditions: ConditionResult[];
  overall: { score: number | null; band: Band | null };
  weakest: ConditionResult | null;
  /** Every barrier and risk, ranked. */
  barriers: BarrierResult[];
  /** The ordered action plan, as action ids. */
  actions: string[];
}

export const isSubstantive = (a: Answer): a is number => typeof a === 'number';

export function scaleRange(q: Questionnaire): { min: number; max: number } {
  const values = q.scale.options.map((o) => o.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** s = (v - min) / (max - min), and 1 - s for a reversed question. */
export function itemScore(value: number, question: Pick<Question, 'reverse'>, range: { min: number; max: number }): number {
  const s = (value - range.min) / (range.max - range.min);
  return question.reverse ? 1 - s : s;
}

/** The last band whose min is at most the score. */
export function bandOf(score: number | null, bands: readonly Band[]): Band | null {
  if (score === null) return null;
  let found: Band | null = null;
  for (const band of bands) if (band.min <= score) found = band;
  return found;
}

/** 100 * sum(weight * s) / sum(weight), from the two sums; none without a weight. */
const weightedMean = (total: number, weights: number): number | null => (weights > 0 ? (100 * total) / weights : null);

/** 100 * sum(weight * s) / sum(weight), over the items that have a score. */
export function weightedScore(items: readonly { weight: number; s: number }[]): number | null {
  let total = 0;
  let weights = 0;
  for (const { weight, s } of items) {
    total += weight * s;
    weights += weight;
  }
  return weightedMean(total, weights);
}

// Loops rather than map/filter chains: in a batch this runs for every condition of every
// input, and small loops are quicker for V8 to optimise again when a new shape turns up.
function scoreCondition(condition: Condition, answers: Answers['answers'], q: Questionnaire): ConditionResult {
  const range = scaleRange(q);
  const items: ItemResult[] = [];
  let answered = 0;
  let dontKnow = 0;
  // The sums of weightedScore, in question order.
  let total = 0;
  let weights = 0;
  for (const question of condition.questions) {
    const answer = answers[question.id] ?? null;
    let s: number | null = null;
    if (isSubstantive(answer)) {
      s = itemScore(answer, question, range);
      answered++;
      total += question.weight * s;
      weights += question.weight;
    } else if (answer === DONT_KNOW) {
      dontKnow++;
    }
    items.push({ question, condition: condition.id, answer, itemScore: s, signals: s !== null && s <= q.scoring.signalAtMost });
  }
  const questions = items.length;
  const coverage = questions ? answered / questions : 0;
  const score = coverage >= q.scoring.minCoverage && answered > 0 ? weightedMean(total, weights) : null;
  return { condition, score, band: bandOf(score, q.bands), questions, answered, dontKnow, unanswered: questions - answered - dontKnow, coverage, items };
}

// What every assessment of a batch takes from its questionnaire, worked out once for it.
interface QuestionnaireOrder {
  /** Each barrier's signal questions in questionnaire order (not the order the barrier lists them). */
  signals: Map<Barrier, string[]>;
  /** Each barrier's place in the questionnaire, by id. */
  barrierIndex: Map<string, number>;
}
const orderOf = memoPerObject((q: Questionnaire): QuestionnaireOrder => {
  const questionIds = q.conditions.flatMap((c) => c.questions.map((x) => x.id));
  return {
    signals: new Map(q.barriers.map((b) => [b, questionIds.filter((id) => b.signals.includes(id))])),
    barrierIndex: new Map(q.barriers.map((b, i) => [b.id, i])),
  };
});

function scoreBarrier(barrier: Barrier, items: ReadonlyMap<string, ItemResult>, q: Questionnaire): BarrierResult {
  const signalledBy: BarrierResult['signalledBy'] = [];
  let answered = 0;
  for (const id of orderOf(q).signals.get(barrier)!) {
    const item = items.get(id)!;
    if (item.itemScore === null) continue;
    answered++;
    if (item.signals) signalledBy.push({ question: item.question.id, answer: item.answer as number });
  }
  const signalling = signalledBy.length;
  const strength = answered > 0 ? signalling / answered : null;
  let status: BarrierStatus;
  if (answered === 0) status = 'unknown';
  else if (strength! >= q.scoring.barrierPresentAt && signalling >= q.scoring.barrierMinSignals) status = 'present';
  else if (signalling > 0) status = 'possible';
  else status = 'absent';
  return { barrier, status, strength, answered, signalling, signalledBy };
}

const STATUS_ORDER: Record<BarrierStatus, number> = { present: 0, possible: 1, absent: 2, unknown: 3 };

/** By status, then strength (high first), then signalling count, then questionnaire order. */
export function rankBarriers(results: readonly BarrierResult[], q: Questionnaire): BarrierResult[] {
  const order = orderOf(q).barrierIndex;
  return [...results].sort((a, b) =>
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status]
    || (b.strength ?? -1) - (a.strength ?? -1)
    || b.signalling - a.signalling
    || order.get(a.barrier.id)! - order.get(b.barrier.id)!);
}

/** Lowest score among the conditions that have one; ties go to the first in order (one person's or a group's). */
export function weakestCondition<T extends { score: number | null }>(conditions: readonly T[]): T | null {
  let weakest: T | null = null;
  for (const c of conditions) {
    if (c.score === null) continue;
    if (!weakest || c.score < weakest.score!) weakest = c;
  }
  return weakest;
}

/**
 * Start with the limiting condition, then clear the barriers: the weakest condition's first
 * action; the actions of the barriers and risks to clear, in order (one person's present
 * ones, ranked; or those present for half a group); then the weakest condition's other
 * actions; no repeats.
 */
export function actionPlan(weakest: { condition: Condition } | null, toClear: readonly { barrier: Barrier }[]): string[] {
  const plan: string[] = [];
  const add = (id: string) => { if (!plan.includes(id)) plan.push(id); };
  const conditionActions = weakest?.condition.actions ?? [];
  if (conditionActions[0]) add(conditionActions[0]);
  for (const b of toClear) b.barrier.actions.forEach(add);
  conditionActions.forEach(add);
  return plan;
}

export function assess(q: Questionnaire, answers: Answers): Assessment {
  const conditions = q.conditions.map((c) => scoreCondition(c, answers.answers, q));
  // The mean of the condition scores, when each has one. (No array of scores: one that holds
  // numbers or nulls changes kind from input to input, and optimised code is thrown away.)
  let sum = 0;
  let scored = 0;
  for (const c of conditions) {
    if (c.score === null) continue;
    sum += c.score;
    scored++;
  }
  const overallScore = scored > 0 && scored === conditions.length ? sum / scored : null;
  const items = new Map<string, ItemResult>();
  for (const c of conditions) for (const i of c.items) items.set(i.question.id, i);
  const barriers = rankBarriers(q.barriers.map((b) => scoreBarrier(b, items, q)), q);
  const weakest = weakestCondition(conditions);
  return {
    questionnaire: q,
    answers,
    conditions,
    overall: { score: overallScore, band: bandOf(overallScore, q.bands) },
    weakest,
    barriers,
    actions: actionPlan(weakest, barriers.filter((b) => b.status === 'present')),
  };
}
