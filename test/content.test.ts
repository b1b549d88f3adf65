// What content.md requires of the bundled questionnaires, checked so that an edit that
// breaks it fails here: advice kept as data, and checked for completeness.
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../src/load/registry.js';
import type { Questionnaire } from '../src/schemas/questionnaire.js';

const registry = loadRegistry();
const officer = registry.latest('ostrom-four-conditions')!.questionnaire;
const community = registry.latest('ostrom-four-conditions-community')!.questionnaire;
const both: [string, Questionnaire][] = [['officer', officer], ['community', community]];
const questions = (q: Questionnaire) => q.conditions.flatMap((c) => c.questions.map((x) => ({ ...x, condition: c.id })));

const BARRIERS = ['unfamiliar-language', 'short-term-fiscal-pressure', 'no-shared-vision', 'reduced-agency', 'unclear-starting-point',
  'tangled-systems-and-budgets', 'fear-of-letting-go', 'unsure-how-to-start', 'second-guessing-communities', 'lack-of-support'];

describe('the bundled questionnaires', () => {
  it('load without problems', () => {
    expect(registry.problems).toEqual([]);
  });
  it.each(both)('%s: the four conditions in order', (_name, q) => {
    expect(q.conditions.map((c) => c.id)).toEqual(['synergy', 'options', 'commitment', 'incentives']);
  });
  it.each(both)('%s: the ten barriers and the substitution risk', (_name, q) => {
    expect(q.barriers.filter((b) => b.kind === 'barrier').map((b) => b.id).sort()).toEqual([...BARRIERS].sort());
    expect(q.barriers.filter((b) => b.kind === 'risk').map((b) => b.id)).toEqual(['substitution']);
  });
  it.each(both)('%s: every barrier has at least two signalling questions and an action', (_name, q) => {
    for (const b of q.barriers) {
      expect(new Set(b.signals).size, b.id).toBeGreaterThanOrEqual(2);
      expect(b.actions.length, b.id).toBeGreaterThanOrEqual(1);
    }
  });
  it.each(both)('%s: every action is used, has a first step and a source; every reference is cited', (_name, q) => {
    const used = new Set([...q.conditions.flatMap((c) => c.actions), ...q.barriers.flatMap((b) => b.actions)]);
    for (const a of q.actions) {
      expect(used.has(a.id), a.id).toBe(true);
      expect(a.sources.length, a.id).toBeGreaterThan(0);
    }
    const cited = new Set([...q.conditions.map((c) => c.source), ...q.barriers.map((b) => b.source), ...q.actions.flatMap((a) => a.sources)]);
    for (const r of q.references) expect(cited.has(r.key), r.key).toBe(true);
  });
  it.each(both)('%s: bands named after the three levels, from 0', (_name, q) => {
    expect(q.bands.map((b) => b.label)).toEqual(['Description', 'Recognition', 'Transformation']);
    expect(q.bands[0]!.min).toBe(0);
  });
  it.each(both)('%s: some questions in every condition are reverse-keyed', (_name, q) => {
    for (const c of q.conditions) expect(c.questions.some((x) => x.reverse), c.id).toBe(true);
  });
  it('officer: 8 to 10 statements per condition, 32 to 40 in all', () => {
    for (const c of officer.conditions) expect(c.questions.length).toBeGreaterThanOrEqual(8);
    for (const c of officer.conditions) expect(c.questions.length).toBeLessThanOrEqual(10);
    expect(questions(officer).length).toBeGreaterThanOrEqual(32);
    expect(questions(officer).length).toBeLessThanOrEqual(40);
  });
});

describe('the paired variants', () => {
  it('name each other', () => {
    expect(officer.pairedWith).toBe(community.id);
    expect(community.pairedWith).toBe(officer.id);
  });
  it('share the scale, barrier ids and action ids', () => {
    expect(community.scale).toEqual(officer.scale);
    expect(community.barriers.map((b) => b.id)).toEqual(officer.barriers.map((b) => b.id));
    expect(community.actions.map((a) => a.id)).toEqual(officer.actions.map((a) => a.id));
  });
  it('use the same ids for the same questions, keeping condition, reverse and weight', () => {
    const byId = new Map(questions(officer).map((x) => [x.id, x]));
    for (const x of questions(community)) {
      const twin = byId.get(x.id);
      expect(twin, x.id).toBeDefined();
      expect([x.condition, x.reverse, x.weight], x.id).toEqual([twin!.condition, twin!.reverse, twin!.weight]);
    }
  });
  it('keep at least six community questions per condition', () => {
    for (const c of community.conditions) expect(c.questions.length, c.id).toBeGreaterThanOrEqual(6);
  });
  it('never say "co-production" to a resident', () => {
    const read = [community.title, community.description, ...community.conditions.flatMap((c) => [c.title, c.summary, ...c.questions.flatMap((x) => [x.text, x.help ?? ''])])];
    for (const text of read) expect(text).not.toMatch(/co-?production/i);
  });
});
