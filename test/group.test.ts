// Group statistics (scoring.md, "A group"), worked out by hand on the mini questionnaire:
// alpha = alpha-one, alpha-two (reversed), alpha-three (weight 2), alpha-four;
// beta = beta-one, beta-two, beta-three (reversed), beta-four; scale 0-4, five options.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/schemas/answers.js';
import type { Questionnaire } from '../src/schemas/questionnaire.js';
import {
  agreementThreshold, assessGroup, averageDeviation, isSplit, poolRoles, questionStats, thingsToDiscuss, POOL_LABEL,
} from '../src/score/group.js';
import { median } from '../src/score/stats.js';
import { assess } from '../src/score/score.js';
import { answersFor, fixtureQuestionnaire } from './helpers.js';

const mini = fixtureQuestionnaire('mini');

/** A paired variant of mini for residents: the same ids, alpha-four and beta-four left out. */
function pairedMini(): { staff: Questionnaire; community: Questionnaire } {
  const staff: Questionnaire = { ...mini, pairedWith: 'mini-community' };
  const community: Questionnaire = {
    ...mini,
    id: 'mini-community',
    title: 'Mini, in everyday words',
    pairedWith: 'mini',
    conditions: mini.conditions.map((c) => ({
      ...c,
      questions: c.questions.filter((x) => !x.id.endsWith('-four')).map((x) => ({ ...x, text: `${x.text} (in everyday words)` })),
    })),
  };
  return { staff, community };
}

const person = (q: Questionnaire, given: Answers['answers'], role: string | null = null, name: string | null = null) =>
  assess(q, answersFor(q, given, { questionnaire: q.id, respondent: { name, role } }));

const close = (x: number | null | undefined, y: number) => {
  expect(x).not.toBeNull();
  expect(x!).toBeCloseTo(y, 9);
};

describe('per-question statistics', () => {
  it('median: the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 0, 1, 3])).toBe(2); // 0 1 | 3 4 -> (1 + 3) / 2
    expect(median([1, 1, 2, 4])).toBe(1.5);
    expect(median([])).toBeNull();
  });
  it('AD = mean(|v - mean|), and the group agrees when AD <= A/6 (0.83 on five options)', () => {
    expect(agreementThreshold(mini)).toBeCloseTo(5 / 6, 12);
    close(averageDeviation([2, 2, 3]), 4 / 9); // mean 7/3: (1/3 + 1/3 + 2/3) / 3
    close(averageDeviation([0, 0, 4, 4]), 2);
    // Exactly at the threshold: mean 1.5, deviations 1.5 .5 .5 .5 .5 1.5 = 5, / 6.
    const atThreshold = questionStats(mini.conditions[0]!.questions[0]!, mini.conditions[0]!, [0, 1, 1, 2, 2, 3], mini, false);
    close(atThreshold.ad, 5 / 6);
    expect(atThreshold.agrees).toBe(true);
    // Just above: mean 1.25, deviations 1.25 .25 .25 1.75 = 3.5, / 4 = 0.875.
    const above = questionStats(mini.conditions[0]!.questions[0]!, mini.conditions[0]!, [0, 1, 1, 3], mini, false);
    close(above.ad, 0.875);
    expect(above.agrees).toBe(false);
  });
  it('split: some answer at or below midpoint - 1 and some at or above midpoint + 1', () => {
    expect(isSplit([1, 2, 3], mini)).toBe(true);
    expect(isSplit([0, 2, 2, 2], mini)).toBe(false); // nothing on the agree side
    expect(isSplit([2, 2, 3, 4], mini)).toBe(false); // nothing on the disagree side
    expect(isSplit([1, 3], mini)).toBe(true);
  });
  it('counts n, each scale value and don\'t know over the people asked; unanswered apart', () => {
    const s = questionStats(mini.conditions[0]!.questions[0]!, mini.conditions[0]!, [3, 'dont-know', 1, null, 3, 4], mini, false);
    expect([s.asked, s.n, s.dontKnow, s.unanswered]).toEqual([6, 4, 1, 1]);
    expect(s.distribution).toEqual([{ value: 0, count: 0 }, { value: 1, count: 1 }, { value: 2, count: 0 }, { value: 3, count: 2 }, { value: 4, count: 1 }]);
    expect(s.median).toBe(3);
    close(s.mean, 11 / 4);
    close(s.ad, (1.75 + 0.25 + 0.25 + 1.25) / 4); // 0.875
    expect([s.agrees, s.split]).toEqual([false, true]);
  });
  it('the n < 3 case: no AD, no agreement, no split, never a thing to discuss', () => {
    const q = mini.conditions[0]!.questions[0]!;
    const s = questionStats(q, mini.conditions[0]!, [0, 4, 'dont-know', 'dont-know', null], mini, false);
    expect([s.n, s.ad, s.agrees, s.split]).toEqual([2, null, null, null]);
    expect(s.median).toBe(2);
    expect(thingsToDiscuss([s])).toEqual([]);
  });
});

describe('things to discuss', () => {
  const condition = mini.conditions[0]!;
  const question = (i: number) => ({ id: `q-${i}`, text: `Question ${i}.`, reverse: false, weight: 1 });
  it('split or not agreeing, n >= 3, largest AD first, ties in questionnaire order, at most ten', () => {
    const answers: (number | 'dont-know' | null)[][] = [
      [2, 2, 2], // 0: AD 0, agrees, not split: left out
      [0, 4, 0, 4], // 1: AD 2, split
      [1, 2, 3], // 2: AD 2/3, agrees but split
      [0, 0, 2, 2], // 3: AD 1, not split (no 3 or 4), does not agree
      [0, 4], // 4: n = 2: left out
      [0, 4, 0, 4], // 5: AD 2, tie with 1: after it
      ...Array.from({ length: 8 }, () => [1, 3, 3]), // 6-13: AD 8/9, split
    ];
    const stats = answers.map((a, i) => questionStats(question(i), condition, a, mini, false));
    const order = thingsToDiscuss(stats).map((s) => s.question.id);
    expect(order).toEqual(['q-1', 'q-5', 'q-3', 'q-6', 'q-7', 'q-8', 'q-9', 'q-10', 'q-11', 'q-12']);
    // Without the cap, q-13 and then q-2 (AD 2/3) would follow.
    expect(thingsToDiscuss(stats.slice(0, 6)).map((s) => s.question.id)).toEqual(['q-1', 'q-5', 'q-3', 'q-2']);
  });
  it('never includes a withheld question', () => {
    const s = questionStats(question(1), condition, [0, 4, 0, 4], mini, true);
    expect([s.withheld, s.n, s.ad, s.distribution]).toEqual([true, 0, null, []]);
    expect(thingsToDiscuss([s])).toEqual([]);
  });
});

describe('group scores, barriers and the action plan', () => {
  // A: alpha all strongest -> 100; beta all 2 -> 50.
  const a = person(mini, { 'alpha-one': 4, 'alpha-two': 0, 'alpha-three': 4, 'alpha-four': 4, 'beta-one': 2, 'beta-two': 2, 'beta-three': 2, 'beta-four': 2 }, 'officer');
  // B: alpha all weakest -> 0; beta all strongest -> 100.
  const b = person(mini, { 'alpha-one': 0, 'alpha-two': 4, 'alpha-three': 0, 'alpha-four': 0, 'beta-one': 4, 'beta-two': 4, 'beta-three': 0, 'beta-four': 4 }, 'officer');
  // C: alpha 2 of 4 answered (coverage 0.5): (0.5 * 1 + 0.75 * 2) / 3 = 66.7; beta 1 of 4: no score.
  const c = person(mini, { 'alpha-one': 2, 'alpha-two': 'dont-know', 'alpha-three': 3, 'beta-one': 1 }, 'officer');

  it('group condition score = mean of the scores that are not null, with n, lowest and highest; overall = mean of the four', () => {
    // --min-group 2, so that beta (scored for two people) is shown.
    const g = assessGroup([a, b, c], { minGroup: 2 });
    const [alpha, beta] = g.conditions;
    close(alpha!.score, (100 + 0 + 200 / 3) / 3); // 55.6
    expect([alpha!.n, alpha!.lowest, alpha!.highest]).toEqual([3, 0, 100]);
    close(beta!.score, 75);
    expect([beta!.n, beta!.lowest, beta!.highest]).toEqual([2, 50, 100]);
    close(g.overall.score, ((100 + 0 + 200 / 3) / 3 + 75) / 2); // 65.3
    expect(g.overall.band?.label).toBe('Recognition');
    expect(g.weakest?.condition.id).toBe('alpha');
  });
  it('withholds a condition scored for fewer than --min-group people, and so the overall score', () => {
    const g = assessGroup([a, b, c]);
    expect(g.conditions.map((x) => [x.condition.id, x.n, x.score === null, x.lowest, x.band])).toEqual([
      ['alpha', 3, false, 0, g.conditions[0]!.band],
      ['beta', 2, true, null, null],
    ]);
    expect(g.overall.score).toBeNull();
    expect(g.weakest?.condition.id).toBe('alpha');
  });
  it('counts the people each barrier is present for, most common first (ties: questionnaire order)', () => {
    // barrier-x (beta-one, alpha-one, alpha-two): A none signal; B alpha-one 0 and alpha-two 4 signal (2 of 3: present);
    // C beta-one 1 signals (1 of 2: possible). risk-z (alpha-four, beta-four): B alpha-four 0 only: possible.
    const g = assessGroup([a, b, c]);
    expect(g.barriers.map((x) => [x.barrier.id, x.present, x.possible])).toEqual([['barrier-x', 1, 1], ['barrier-y', 0, 0], ['risk-z', 0, 1]]);
    // Present for 1 of 3 is less than half: the plan is the weakest condition's actions only.
    expect(g.planBarriers).toEqual([]);
    expect(g.actions).toEqual(['act-one', 'act-two']);
  });
  it('the action plan: the weakest condition\'s first action, then barriers present for at least half, then its other actions', () => {
    const g = assessGroup([a, b, c, b]);
    // alpha (100, 0, 66.7, 0) -> 41.7 is still the weakest; barrier-x is present for 2 of 4.
    expect(g.barriers[0]).toMatchObject({ present: 2 });
    expect(g.planBarriers.map((x) => x.barrier.id)).toEqual(['barrier-x']);
    // act-one (alpha's first), barrier-x's act-three (act-one already there), then alpha's act-two.
    expect(g.actions).toEqual(['act-one', 'act-three', 'act-two']);
  });
  it('gives the whole group its figures at any size (scoring.md); role groups still need --min-group', () => {
    const g = assessGroup([a, b]);
    expect(g.conditions[0]!.score).toBe(assessGroup([a, b], { minGroup: 2 }).conditions[0]!.score);
    expect(g.conditions[0]!.score).not.toBeNull();
    expect(g.questions.every((s) => !s.withheld)).toBe(true);
    // n < 3: no agreement or split, but the counts, median and mean are there.
    expect(g.questions.every((s) => s.ad === null && s.agrees === null && s.split === null)).toBe(true);
    expect(g.questions[0]!.n).toBe(2);
    expect(g.discuss).toEqual([]);
    expect(g.perspectives.groups).toEqual([]);
    expect(g.participants).toEqual([{ key: 'officer', label: 'officer', n: 2, names: [] }]);
  });
});

describe('the pooling rule', () => {
  const groups = (sizes: Record<string, number>) => Object.entries(sizes).map(([key, n]) => ({ key, label: key, members: Array.from({ length: n }, (_, i) => `${key}-${i}`) }));
  const shape = (r: ReturnType<typeof poolRoles<string>>) => r.shown.map((g) => `${g.label}:${g.members.length}${g.pool ? `[${g.roles.join('+')}]` : ''}`);

  it('shows groups of at least --min-group; pools the rest as "other roles" when the pool is large enough', () => {
    const r = poolRoles(groups({ officer: 5, resident: 4, manager: 2, 'elected-member': 1 }), 3);
    expect(shape(r)).toEqual(['officer:5', 'resident:4', `${POOL_LABEL}:3[manager+elected-member]`]);
    expect([r.pooledRoles, r.joined]).toEqual([['manager', 'elected-member'], []]);
  });
  it('when the pool is too small, the smallest shown group joins it', () => {
    const r = poolRoles(groups({ officer: 5, resident: 4, manager: 1 }), 3);
    expect(shape(r)).toEqual(['officer:5', `${POOL_LABEL}:5[manager+resident]`]);
    expect(r.joined).toEqual(['resident']);
    // Shown groups still add up to everyone: nothing is left to work out by subtraction.
    expect(r.shown.reduce((n, g) => n + g.members.length, 0)).toBe(10);
  });
  it('between equally small shown groups, the role that sorts last joins', () => {
    const r = poolRoles(groups({ officer: 3, 'front-line': 3, manager: 2 }), 3);
    expect(shape(r)).toEqual(['front-line:3', `${POOL_LABEL}:5[manager+officer]`]);
  });
  it('shows nothing when even everyone together is fewer than --min-group', () => {
    const r = poolRoles(groups({ officer: 1, resident: 1 }), 3);
    expect(r.shown).toEqual([]);
  });
  it('pools nothing when every group is large enough', () => {
    const r = poolRoles(groups({ officer: 3, resident: 3 }), 3);
    expect(shape(r)).toEqual(['officer:3', 'resident:3']);
    expect(r.pooledRoles).toEqual([]);
  });
});

describe('perspectives: staff and residents on the questions both were asked', () => {
  const { staff, community } = pairedMini();
  // Officers: the strongest answer everywhere, except alpha-four, which residents are not asked.
  const strongest = { 'alpha-one': 4, 'alpha-two': 0, 'alpha-three': 4, 'alpha-four': 0, 'beta-one': 4, 'beta-two': 4, 'beta-three': 0, 'beta-four': 4 };
  const officers = [0, 1, 2].map(() => person(staff, strongest, 'Officer '));
  // Residents: alpha (1 + 1 + 2 * 0.75) / 4 = 87.5 each. beta: three give 0.75, 0.75, 1 (sum 2.5) and two
  // give 0.75 x 3 (sum 2.25): 100 * (7.5 + 4.5) / 15 = 80.
  const residents = [
    ...[0, 1, 2].map(() => person(community, { 'alpha-one': 4, 'alpha-two': 0, 'alpha-three': 3, 'beta-one': 3, 'beta-two': 3, 'beta-three': 0 }, 'resident', 'Pat Jones')),
    ...[0, 1].map(() => person(community, { 'alpha-one': 4, 'alpha-two': 0, 'alpha-three': 3, 'beta-one': 3, 'beta-two': 3, 'beta-three': 1 }, 'RESIDENT')),
  ];
  const g = assessGroup([...officers, ...residents]);

  it('matches roles after trimming and case-folding, and keeps the first spelling for display', () => {
    expect(g.participants.map((p) => [p.key, p.label, p.n])).toEqual([['resident', 'resident', 5], ['officer', 'Officer ', 3]]);
  });
  it('compares groups on shared questions only, and flags a gap of 20 points or more', () => {
    expect(g.perspectives.sharedQuestions).toEqual(['alpha-one', 'alpha-two', 'alpha-three', 'beta-one', 'beta-two', 'beta-three']);
    const [res, off] = g.perspectives.groups;
    expect([res!.label, off!.label]).toEqual(['resident', 'Officer ']);
    // The officers' own alpha score counts alpha-four (0): (1 + 1 + 2 + 0) / 5 = 80; on shared questions, 100.
    close(officers[0]!.conditions[0]!.score, 80);
    close(off!.conditions[0]!.score, 100);
    close(res!.conditions[0]!.score, 87.5);
    close(off!.conditions[1]!.score, 100);
    close(res!.conditions[1]!.score, 80);
    expect(g.perspectives.gaps.map((x) => [x.condition.id, x.highest, x.lowest, x.flagged])).toEqual([
      ['alpha', 'Officer ', 'resident', false], // 12.5
      ['beta', 'Officer ', 'resident', true], // exactly 20
    ]);
    close(g.perspectives.gaps[0]!.gap, 12.5);
    close(g.perspectives.gaps[1]!.gap, 20);
  });
  it('uses the fuller questionnaire for the report and counts the people asked each question', () => {
    expect(g.questionnaire.id).toBe('mini');
    expect(g.answered.map((x) => [x.questionnaire.id, x.respondents])).toEqual([['mini', 3], ['mini-community', 5]]);
    const four = g.questions.find((s) => s.question.id === 'alpha-four')!;
    expect([four.asked, four.n, four.withheld]).toEqual([3, 3, false]);
    expect(g.questions.find((s) => s.question.id === 'alpha-one')!.asked).toBe(8);
    // Each person is scored on the questionnaire they answered: alpha (80 x 3 + 87.5 x 5) / 8.
    close(g.conditions[0]!.score, (80 * 3 + 87.5 * 5) / 8);
  });
  it('withholds a role\'s score that rests on fewer than --min-group of its members', () => {
    // Only two residents answer beta at all; the others say don't know.
    const unsure = [0, 1, 2].map(() => person(community, { 'alpha-one': 4, 'alpha-two': 0, 'alpha-three': 3, 'beta-one': 'dont-know', 'beta-two': 'dont-know', 'beta-three': 'dont-know' }, 'resident'));
    const few = assessGroup([...officers, ...unsure, residents[0]!, residents[3]!]);
    const res = few.perspectives.groups.find((r) => r.label === 'resident')!;
    expect([res.n, res.conditions[0]!.score, res.conditions[1]!.score]).toEqual([5, 87.5, null]);
    expect(few.perspectives.gaps.map((x) => x.condition.id)).toEqual(['alpha']);
  });
  it('withholds a question asked of fewer than --min-group people, and pools a small role', () => {
    const few = assessGroup([officers[0]!, officers[1]!, ...residents]);
    const four = few.questions.find((s) => s.question.id === 'alpha-four')!;
    expect([four.asked, four.withheld, four.median, four.distribution]).toEqual([2, true, null, []]);
    // Two officers cannot be shown: they are pooled, and the residents join the pool to reach 3.
    expect(few.perspectives.groups.map((r) => [r.label, r.n, r.pool])).toEqual([[POOL_LABEL, 7, true]]);
    expect(few.perspectives.joined).toEqual(['resident']);
    expect(few.perspectives.gaps).toEqual([]);
  });
  it('never carries a name unless asked (the result holds names only in participants)', () => {
    expect(g.participants.find((p) => p.key === 'resident')!.names).toEqual(['Pat Jones', 'Pat Jones', 'Pat Jones']);
    const { participants: _participants, ...rest } = g;
    expect(JSON.stringify(rest)).not.toContain('Pat Jones');
  });
});
