// Group statistics for a workshop, exactly as scoring.md ("A group") says. Pure: no I/O, no
// rounding. Privacy is enforced here, not in the renderers, so that the Markdown report and
// the JSON result can never differ in what they disclose: role groups follow scoring.md's
// pooling rule, and a figure resting on a subset of fewer than `minGroup` of the people (a
// question or condition only some answered) is withheld (null or left out).
import { DONT_KNOW } from '../schemas/answers.js';
import { questionCount, type Band, type Barrier, type Condition, type Question, type Questionnaire } from '../schemas/questionnaire.js';
import { mean, median } from './stats.js';
import { actionPlan, bandOf, isSubstantive, weakestCondition, weightedScore, type Assessment, type ItemResult } from './score.js';

/** scoring.md: a perception gap of this many points or more is flagged. */
export const GAP_FLAG_AT = 20;
/** scoring.md: agreement and splits need at least this many substantive answers. */
export const AGREEMENT_MIN_N = 3;
/** scoring.md: things to discuss are capped at ten. */
export const DISCUSS_LIMIT = 10;
export const DEFAULT_MIN_GROUP = 3;
/** The role key of respondents who gave no role. */
export const UNSPECIFIED_ROLE = 'unspecified';
export const POOL_LABEL = 'other roles';

export interface GroupOptions {
  /** --min-group: the smallest number of people whose figures may be shown. */
  minGroup?: number;
}

export interface GroupCondition {
  condition: Condition;
  /** Mean of the respondents' condition scores that are not null; null when fewer than minGroup have one. */
  score: number | null;
  band: Band | null;
  /** Respondents with a score for this condition. */
  n: number;
  lowest: number | null;
  highest: number | null;
}

export interface QuestionStats {
  question: Question;
  condition: Condition;
  /** Respondents whose questionnaire asks this question. */
  asked: number;
  /** Fewer than minGroup people were asked it: no figures are given. */
  withheld: boolean;
  /** Substantive answers. */
  n: number;
  dontKnow: number;
  unanswered: number;
  /** How many gave each scale value, in scale order. */
  distribution: { value: number; count: number }[];
  median: number | null;
  mean: number | null;
  /** Average deviation from the mean; null when n < 3. */
  ad: number | null;
  /** AD <= A/6; null when n < 3. */
  agrees: boolean | null;
  /** Answers a whole step or more either side of the midpoint; null when n < 3. */
  split: boolean | null;
}

export interface Participants {
  /** trim + case-fold of respondent.role, or "unspecified". */
  key: string;
  /** The role as the first respondent in input order wrote it. */
  label: string;
  n: number;
  names: string[];
}

export interface RoleGroup {
  label: string;
  n: number;
  /** The "other roles" pool, holding `roles`. */
  pool: boolean;
  /** The role labels the group holds (one, or several for the pool). */
  roles: string[];
  /** Scores on the questions every shown group was asked, in questionnaire order; null when fewer than minGroup members answered any. */
  conditions: { condition: Condition; score: number | null }[];
}

export interface Gap {
  condition: Condition;
  gap: number;
  highest: string;
  lowest: string;
  flagged: boolean;
}

export interface Perspectives {
  groups: RoleGroup[];
  /** Roles with fewer than minGroup people, pooled as "other roles". */
  pooledRoles: string[];
  /** Shown groups that had to join the pool so that it reaches minGroup. */
  joined: string[];
  /** Question ids every shown group was asked. */
  sharedQuestions: string[];
  gaps: Gap[];
}

export interface GroupBarrier {
  barrier: Barrier;
  /** Respondents for whom it is present. */
  present: number;
  possible: number;
}

export interface GroupResult {
  /** The questionnaire whose wording, order and actions the report uses: the fuller of a pair. */
  questionnaire: Questionnaire;
  /** Each questionnaire answered, with how many answered it, in questionnaire-id order. */
  answered: { questionnaire: Questionnaire; respondents: number }[];
  respondents: number;
  minGroup: number;
  participants: Participants[];
  dates: { earliest: string | null; latest: string | null; undated: number };
  organisations: string[];
  conditions: GroupCondition[];
  overall: { score: number | null; band: Band | null };
  weakest: GroupCondition | null;
  /** Every question of `questionnaire`, in its order. */
  questions: QuestionStats[];
  discuss: QuestionStats[];
  /** Every barrier and risk, most common first (ties: questionnaire order). */
  barriers: GroupBarrier[];
  /** The barriers the action plan clears: present for at least half the people. */
  planBarriers: GroupBarrier[];
  actions: string[];
  perspectives: Perspectives;
}

export const roleKey = (role: string | null): string => {
  const key = (role ?? '').trim().toLowerCase();
  return key === '' ? UNSPECIFIED_ROLE : key;
};

const EPSILON = 1e-9;

/** AD = mean(|v - mean(v)|) on the scale values. */
export function averageDeviation(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  return mean(values.map((v) => Math.abs(v - m)));
}

/** Burke and Dunlap (2002): the group agrees when AD <= A / 6, A being the number of scale options. */
export function agreementThreshold(q: Questionnaire): number {
  return q.scale.options.length / 6;
}

/** Some answer a whole step or more below the scale midpoint, and some a whole step or more above it. */
export function isSplit(values: readonly number[], q: Questionnaire): boolean {
  const scale = q.scale.options.map((o) => o.value);
  const min = Math.min(...scale);
  const max = Math.max(...scale);
  const midpoint = (min + max) / 2;
  const step = (max - min) / (scale.length - 1);
  return values.some((v) => v <= midpoint - step + EPSILON) && values.some((v) => v >= midpoint + step - EPSILON);
}

/** The statistics of one question over the answers of the people who were asked it. */
export function questionStats(
  question: Question, condition: Condition, answers: readonly (number | typeof DONT_KNOW | null)[], q: Questionnaire, withheld: boolean,
): QuestionStats {
  const values = answers.filter(isSubstantive);
  const dontKnow = answers.filter((a) => a === DONT_KNOW).length;
  const n = values.length;
  const base = { question, condition, asked: answers.length };
  if (withheld) {
    return { ...base, withheld: true, n: 0, dontKnow: 0, unanswered: 0, distribution: [], median: null, mean: null, ad: null, agrees: null, split: null };
  }
  const ad = n >= AGREEMENT_MIN_N ? averageDeviation(values) : null;
  return {
    ...base,
    withheld: false,
    n,
    dontKnow,
    unanswered: answers.length - n - dontKnow,
    distribution: q.scale.options.map((o) => ({ value: o.value, count: values.filter((v) => v === o.value).length })),
    median: median(values),
    mean: mean(values),
    ad,
    agrees: ad === null ? null : ad <= agreementThreshold(q) + EPSILON,
    split: n >= AGREEMENT_MIN_N ? isSplit(values, q) : null,
  };
}

/** A question with n >= 3 that is split or where the group does not agree. */
export const worthDiscussing = (s: QuestionStats): boolean => !s.withheld && s.ad !== null && (s.split === true || s.agrees === false);

/** The questions worth discussing, largest AD first, at most ten. */
export function thingsToDiscuss(questions: readonly QuestionStats[]): QuestionStats[] {
  return questions
    .map((s, order) => ({ s, order }))
    .filter(({ s }) => worthDiscussing(s))
    .sort((a, b) => b.s.ad! - a.s.ad! || a.order - b.order)
    .slice(0, DISCUSS_LIMIT)
    .map(({ s }) => s);
}

/**
 * Role groups as scoring.md's privacy rule allows: groups of at least minGroup are shown; the
 * rest are pooled as "other roles", shown only if the pool reaches minGroup; while the pool
 * is not empty but too small, the smallest shown group joins it (ties: the role that sorts
 * last), so that no group's figures can be worked out by subtracting the others from the whole.
 */
export function poolRoles<T>(groups: readonly { key: string; label: string; members: readonly T[] }[], minGroup: number): {
  shown: { label: string; members: T[]; pool: boolean; roles: string[] }[];
  pooledRoles: string[];
  joined: string[];
} {
  const ordered = [...groups].sort((a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shown = ordered.filter((g) => g.members.length >= minGroup);
  const small = ordered.filter((g) => g.members.length < minGroup);
  const pool = { members: small.flatMap((g) => g.members), roles: small.map((g) => g.label) };
  const joined: string[] = [];
  while (pool.members.length > 0 && pool.members.length < minGroup && shown.length > 0) {
    const smallest = shown.pop()!;
    pool.members.push(...smallest.members);
    pool.roles.push(smallest.label);
    joined.push(smallest.label);
  }
  const result = shown.map((g) => ({ label: g.label, members: [...g.members], pool: false, roles: [g.label] }));
  if (pool.members.length >= minGroup) result.push({ label: POOL_LABEL, members: pool.members, pool: true, roles: pool.roles });
  return { shown: result, pooledRoles: small.map((g) => g.label), joined };
}

/** The questionnaire the group report is written in: the one asking the most questions (ties: input order). */
function baseQuestionnaire(members: readonly Assessment[]): Questionnaire {
  const count = questionCount;
  let base = members[0]!.questionnaire;
  for (const m of members) if (count(m.questionnaire) > count(base)) base = m.questionnaire;
  return base;
}

function itemsOf(a: Assessment): Map<string, ItemResult> {
  return new Map(a.conditions.flatMap((c) => c.items.map((i) => [i.question.id, i] as const)));
}

/**
 * The group result for respondents each scored on the questionnaire they answered (one
 * questionnaire, or it and its paired variant; the caller checks that). Input order is kept
 * wherever order matters (role labels, ties).
 */
export function assessGroup(members: readonly Assessment[], options: GroupOptions = {}): GroupResult {
  if (!members.length) throw new Error('assessGroup needs at least one respondent');
  const minGroup = options.minGroup ?? DEFAULT_MIN_GROUP;
  const q = baseQuestionnaire(members);
  const respondents = members.length;
  // scoring.md computes the whole group's figures at any size (a group of two sees its own
  // means); --min-group protects subsets of it: role groups, and questions or conditions
  // that only some of the people answered.
  const subsetTooSmall = (n: number) => n < minGroup && n < respondents;
  const items = members.map(itemsOf);

  // Who took part: every role, with its count (counts alone disclose no answers).
  const byRole = new Map<string, { key: string; label: string; members: number[] }>();
  members.forEach((m, i) => {
    const key = roleKey(m.answers.respondent.role);
    const group = byRole.get(key) ?? { key, label: key === UNSPECIFIED_ROLE ? UNSPECIFIED_ROLE : m.answers.respondent.role!, members: [] };
    group.members.push(i);
    byRole.set(key, group);
  });
  const participants: Participants[] = [...byRole.values()]
    .sort((a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : 1))
    .map((g) => ({ key: g.key, label: g.label, n: g.members.length, names: g.members.map((i) => members[i]!.answers.respondent.name).filter((x): x is string => !!x) }));

  const answeredMap = new Map<string, { questionnaire: Questionnaire; respondents: number }>();
  for (const m of members) {
    const id = `${m.questionnaire.id}@${m.questionnaire.version}`;
    const entry = answeredMap.get(id) ?? { questionnaire: m.questionnaire, respondents: 0 };
    entry.respondents++;
    answeredMap.set(id, entry);
  }
  const answered = [...answeredMap.values()].sort((a, b) => (a.questionnaire.id < b.questionnaire.id ? -1 : 1) || a.questionnaire.version - b.questionnaire.version);

  const dates = members.map((m) => m.answers.date).filter((d): d is string => d !== null).sort();
  const organisations = [...new Set(members.map((m) => m.answers.organisation))];

  // Group condition scores: the mean of each respondent's own condition score.
  const conditions: GroupCondition[] = q.conditions.map((condition) => {
    const scores = members
      .map((m) => m.conditions.find((c) => c.condition.id === condition.id)?.score ?? null)
      .filter((s): s is number => s !== null);
    // The mean and range of a few of the people's scores would give theirs away.
    const shown = !subsetTooSmall(scores.length);
    const score = shown ? mean(scores) : null;
    return {
      condition,
      score,
      band: bandOf(score, q.bands),
      n: scores.length,
      lowest: shown ? Math.min(...scores) : null,
      highest: shown ? Math.max(...scores) : null,
    };
  });
  const allScored = conditions.length > 0 && conditions.every((c) => c.score !== null);
  const overallScore = allScored ? mean(conditions.map((c) => c.score!)) : null;
  const weakest = weakestCondition(conditions);

  // Per question, over the people who were asked it; withheld when they are too few.
  const questions: QuestionStats[] = q.conditions.flatMap((condition) => condition.questions.map((question) => {
    const asked = items.filter((m) => m.has(question.id)).map((m) => m.get(question.id)!.answer);
    return questionStats(question, condition, asked, q, subsetTooSmall(asked.length));
  }));
  const discuss = thingsToDiscuss(questions);

  // Barriers: how many people each is present for, each scored on their own questionnaire.
  const barrierOrder = new Map(q.barriers.map((b, i) => [b.id, i]));
  const barriers: GroupBarrier[] = q.barriers
    .map((barrier) => {
      const statuses = members.map((m) => m.barriers.find((b) => b.barrier.id === barrier.id)?.status);
      return { barrier, present: statuses.filter((s) => s === 'present').length, possible: statuses.filter((s) => s === 'possible').length };
    })
    .sort((a, b) => b.present - a.present || barrierOrder.get(a.barrier.id)! - barrierOrder.get(b.barrier.id)!);
  const planBarriers = barriers.filter((b) => b.present > 0 && b.present * 2 >= respondents);
  const actions = actionPlan(weakest, planBarriers);

  return {
    questionnaire: q,
    answered,
    respondents,
    minGroup,
    participants,
    dates: { earliest: dates[0] ?? null, latest: dates[dates.length - 1] ?? null, undated: respondents - dates.length },
    organisations,
    conditions,
    overall: { score: overallScore, band: bandOf(overallScore, q.bands) },
    weakest,
    questions,
    discuss,
    barriers,
    planBarriers,
    actions,
    perspectives: perspectives(members, items, q, [...byRole.values()], minGroup),
  };
}

function perspectives(
  members: readonly Assessment[], items: readonly Map<string, ItemResult>[], q: Questionnaire,
  roles: readonly { key: string; label: string; members: number[] }[], minGroup: number,
): Perspectives {
  const { shown, pooledRoles, joined } = poolRoles(roles, minGroup);
  // Compare groups on the questions every shown group was asked: every shown member's questionnaire has them.
  const shownMembers = shown.flatMap((g) => g.members);
  const sharedQuestions = q.conditions.flatMap((c) => c.questions.map((x) => x.id))
    .filter((id) => shownMembers.length > 0 && shownMembers.every((i) => items[i]!.has(id)));
  const shared = new Set(sharedQuestions);
  const groups: RoleGroup[] = shown.map((g) => ({
    label: g.label,
    n: g.members.length,
    pool: g.pool,
    roles: g.roles,
    conditions: q.conditions.map((condition) => {
      const perMember = g.members.map((i) => members[i]!.conditions
        .find((c) => c.condition.id === condition.id)?.items
        .filter((item) => shared.has(item.question.id) && item.itemScore !== null)
        .map((item) => ({ weight: item.question.weight, s: item.itemScore! })) ?? []);
      // A score resting on the answers of fewer than minGroup members would give theirs away.
      const contributors = perMember.filter((items) => items.length > 0).length;
      return { condition, score: contributors >= minGroup ? weightedScore(perMember.flat()) : null };
    }),
  }));
  const gaps: Gap[] = [];
  q.conditions.forEach((condition, ci) => {
    const scored = groups.filter((g) => g.conditions[ci]!.score !== null);
    if (scored.length < 2) return;
    let high = scored[0]!;
    let low = scored[0]!;
    for (const g of scored) {
      if (g.conditions[ci]!.score! > high.conditions[ci]!.score!) high = g;
      if (g.conditions[ci]!.score! < low.conditions[ci]!.score!) low = g;
    }
    const gap = high.conditions[ci]!.score! - low.conditions[ci]!.score!;
    gaps.push({ condition, gap, highest: high.label, lowest: low.label, flagged: gap >= GAP_FLAG_AT - EPSILON });
  });
  return { groups, pooledRoles, joined, sharedQuestions, gaps };
}
