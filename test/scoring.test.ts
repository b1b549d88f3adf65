// Every rule of scoring.md, with expectations worked out by hand on test/fixtures/mini.yaml:
// a 0-4 scale; alpha-two and beta-three reversed; alpha-three weighs 2.
import { describe, expect, it } from 'vitest';
import { round1 } from '../src/render/json.js';
import { actionPlan, assess, bandOf, itemScore, rankBarriers, type BarrierResult } from '../src/score/score.js';
import { answersFor, fixtureQuestionnaire } from './helpers.js';

const q = fixtureQuestionnaire();
const byId = <T extends { barrier: { id: string } }>(list: T[], id: string) => list.find((b) => b.barrier.id === id)!;

describe('item scores', () => {
  const range = { min: 0, max: 4 };
  it('maps the scale onto 0..1', () => {
    expect([0, 1, 2, 3, 4].map((v) => itemScore(v, { reverse: false }, range))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it('turns reversed questions round', () => {
    expect([0, 1, 2, 3, 4].map((v) => itemScore(v, { reverse: true }, range))).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
  it('works on a scale that does not start at 0', () => {
    expect(itemScore(3, { reverse: false }, { min: 1, max: 5 })).toBe(0.5);
  });
});

describe('one respondent', () => {
  // alpha: 3 -> .75, 1 reversed -> .75, 4 (weight 2) -> 1, dont-know.
  //   100 * (.75 + .75 + 2*1) / (1 + 1 + 2) = 87.5; coverage 3/4.
  // beta: 0 -> 0, 1 -> .25, 4 reversed -> 0, unanswered. 100 * .25 / 3 = 8.333...
  const a = assess(q, answersFor(q, {
    'alpha-one': 3, 'alpha-two': 1, 'alpha-three': 4, 'alpha-four': 'dont-know',
    'beta-one': 0, 'beta-two': 1, 'beta-three': 4, 'beta-four': null,
  }));
  const [alpha, beta] = a.conditions;

  it('scores conditions with weights and reverse keying', () => {
    expect(alpha!.score).toBe(87.5);
    expect(beta!.score).toBeCloseTo(25 / 3, 10);
  });
  it('counts answered, don\'t know and unanswered, and never scores don\'t know', () => {
    expect([alpha!.questions, alpha!.answered, alpha!.dontKnow, alpha!.unanswered, alpha!.coverage]).toEqual([4, 3, 1, 0, 0.75]);
    expect([beta!.answered, beta!.dontKnow, beta!.unanswered]).toEqual([3, 0, 1]);
  });
  it('bands each score and the overall mean, unrounded', () => {
    expect(alpha!.band?.label).toBe('Transformation');
    expect(beta!.band?.label).toBe('Description');
    expect(a.overall.score).toBeCloseTo((87.5 + 25 / 3) / 2, 10);
    expect(a.overall.band?.label).toBe('Recognition');
  });
  it('names the weakest condition', () => {
    expect(a.weakest?.condition.id).toBe('beta');
  });
  it('gives each barrier its status, strength and signals in questionnaire order', () => {
    const x = byId(a.barriers, 'barrier-x');
    // alpha-one .75, alpha-two .75, beta-one 0: one of three signals.
    expect([x.status, x.answered, x.signalling, x.strength]).toEqual(['possible', 3, 1, 1 / 3]);
    const y = byId(a.barriers, 'barrier-y');
    // .25 signals (at most signalAtMost), and a reversed 4 is 0.
    expect(y.status).toBe('present');
    expect(y.signalledBy).toEqual([{ question: 'beta-two', answer: 1 }, { question: 'beta-three', answer: 4 }]);
    const z = byId(a.barriers, 'risk-z');
    expect([z.status, z.answered, z.strength]).toEqual(['unknown', 0, null]);
  });
  it('ranks present, possible, absent, unknown', () => {
    expect(a.barriers.map((b) => b.barrier.id)).toEqual(['barrier-y', 'barrier-x', 'risk-z']);
  });
  it('plans the weakest condition\'s first action, then the present barriers\' actions', () => {
    expect(a.actions).toEqual(['act-three', 'act-four']);
  });
});

describe('coverage', () => {
  it('gives no score below minCoverage, and so no overall score', () => {
    // beta: one of four answered (25% < 50%).
    const a = assess(q, answersFor(q, { 'alpha-one': 4, 'alpha-two': 0, 'beta-one': 2 }));
    expect(a.conditions[0]!.score).toBe(100);
    expect(a.conditions[1]!.score).toBeNull();
    expect(a.conditions[1]!.band).toBeNull();
    expect(a.overall).toEqual({ score: null, band: null });
    expect(a.weakest?.condition.id).toBe('alpha');
  });
  it('scores at exactly minCoverage', () => {
    const a = assess(q, answersFor(q, { 'beta-one': 2, 'beta-two': 'dont-know', 'beta-four': 3 }));
    // two of four substantive = 50%: (.5 + .75) / 2 = 62.5
    expect(a.conditions[1]!.score).toBe(62.5);
  });
  it('with nothing answered: no scores, no weakest, every barrier unknown, no plan', () => {
    const a = assess(q, answersFor(q, {}));
    expect(a.conditions.map((c) => c.score)).toEqual([null, null]);
    expect(a.weakest).toBeNull();
    expect(a.barriers.every((b) => b.status === 'unknown')).toBe(true);
    expect(a.actions).toEqual([]);
  });
});

describe('weakest condition', () => {
  it('breaks ties by questionnaire order', () => {
    const a = assess(q, answersFor(q, { 'alpha-one': 2, 'alpha-three': 2, 'beta-one': 2, 'beta-two': 2 }));
    expect(a.conditions[0]!.score).toBe(a.conditions[1]!.score);
    expect(a.weakest?.condition.id).toBe('alpha');
  });
});

describe('barrier status', () => {
  it('is absent when answered and nothing signals', () => {
    const a = assess(q, answersFor(q, { 'beta-two': 3, 'beta-three': 0 }));
    expect(byId(a.barriers, 'barrier-y').status).toBe('absent');
    expect(byId(a.barriers, 'barrier-y').strength).toBe(0);
  });
  it('is possible, not present, when one signal is strong enough but too few signal', () => {
    const a = assess(q, answersFor(q, { 'beta-two': 0 }));
    const y = byId(a.barriers, 'barrier-y');
    expect([y.strength, y.signalling, y.status]).toEqual([1, 1, 'possible']);
  });
  it('is present at exactly barrierPresentAt with enough signals, possible just above it', () => {
    // barrier-x: alpha-one 0 (signals), alpha-two 4 reversed = 0 (signals), beta-one 4 (does not): 2 of 3.
    const given = { 'alpha-one': 0, 'alpha-two': 4, 'beta-one': 4 } as const;
    const at = assess({ ...q, scoring: { ...q.scoring, barrierPresentAt: 2 / 3 } }, answersFor(q, given));
    expect([byId(at.barriers, 'barrier-x').signalling, byId(at.barriers, 'barrier-x').answered, byId(at.barriers, 'barrier-x').status]).toEqual([2, 3, 'present']);
    const above = assess({ ...q, scoring: { ...q.scoring, barrierPresentAt: 0.7 } }, answersFor(q, given));
    expect(byId(above.barriers, 'barrier-x').status).toBe('possible');
  });
  it('needs barrierMinSignals signalling answers even at full strength', () => {
    const a = assess({ ...q, scoring: { ...q.scoring, barrierMinSignals: 1 } }, answersFor(q, { 'beta-two': 0 }));
    expect(byId(a.barriers, 'barrier-y').status).toBe('present');
  });
});

describe('ranking and the action plan', () => {
  // alpha: 1 -> .25, 3 reversed -> .25, 2 (w2) -> .5, 0 -> 0: 100 * 1.5 / 5 = 30.
  // beta: 4 -> 1, 0 -> 0, 4 reversed -> 0, 1 -> .25: 100 * 1.25 / 4 = 31.25.
  const a = assess(q, answersFor(q, {
    'alpha-one': 1, 'alpha-two': 3, 'alpha-three': 2, 'alpha-four': 0,
    'beta-one': 4, 'beta-two': 0, 'beta-three': 4, 'beta-four': 1,
  }));
  it('scores as worked out', () => {
    expect(a.conditions.map((c) => c.score)).toEqual([30, 31.25]);
    expect(a.weakest?.condition.id).toBe('alpha');
  });
  it('ranks present barriers by strength, then signals, then questionnaire order', () => {
    // y: 2/2 = 1; z: 2/2 = 1 (comes after y in the file); x: 2/3.
    expect(a.barriers.map((b) => [b.barrier.id, b.status])).toEqual([['barrier-y', 'present'], ['risk-z', 'present'], ['barrier-x', 'present']]);
  });
  it('builds the plan without repeats: weakest first action, barriers in rank order, then the weakest\'s others', () => {
    // act-one (alpha first); y: act-four; z: act-four (again), act-two; x: act-three, act-one (again); alpha: act-one, act-two.
    expect(a.actions).toEqual(['act-one', 'act-four', 'act-two', 'act-three']);
  });
  it('ranks equal strength by the number of signalling answers', () => {
    const mk = (id: string, status: BarrierResult['status'], strength: number | null, signalling: number) =>
      ({ barrier: q.barriers.find((b) => b.id === id)!, status, strength, signalling, answered: signalling, signalledBy: [] }) as BarrierResult;
    const ranked = rankBarriers([mk('barrier-x', 'present', 1, 2), mk('barrier-y', 'present', 1, 3), mk('risk-z', 'absent', 0, 0)], q);
    expect(ranked.map((b) => b.barrier.id)).toEqual(['barrier-y', 'barrier-x', 'risk-z']);
    const byStatus = rankBarriers([mk('barrier-x', 'unknown', null, 0), mk('barrier-y', 'absent', 0, 0), mk('risk-z', 'possible', 0.2, 1)], q);
    expect(byStatus.map((b) => b.status)).toEqual(['possible', 'absent', 'unknown']);
  });
  it('with no weakest condition, plans only the present barriers\' actions', () => {
    const y = { barrier: q.barriers[1]!, status: 'present', strength: 1, signalling: 2, answered: 2, signalledBy: [] } as BarrierResult;
    expect(actionPlan(null, [y])).toEqual(['act-four']);
  });
});

describe('bands', () => {
  it('takes the last band whose min is at most the score', () => {
    expect([0, 39.99, 40, 69.9, 70, 100].map((s) => bandOf(s, q.bands)?.label)).toEqual(
      ['Description', 'Description', 'Recognition', 'Recognition', 'Transformation', 'Transformation']);
    expect(bandOf(null, q.bands)).toBeNull();
  });
});

describe('rounding for output', () => {
  it('rounds halves away from zero, the same on both sides', () => {
    expect([6.25, -6.25, 1.75, -1.75, 0.04, -0.04, 2.05].map(round1)).toEqual([6.3, -6.3, 1.8, -1.8, 0, 0, 2.1]);
    expect(round1(null)).toBeNull();
  });
});
