// compare: hand-worked deltas on test/fixtures/mini.yaml, differing versions, groups; and
// chart files that are well-formed SVG whose bars are as long as the scores.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CHART, renderChart } from '../src/render/chart.js';
import { changeMark, renderCompare } from '../src/render/compare.js';
import { compare, sideOf } from '../src/score/compare.js';
import { assess } from '../src/score/score.js';
import { answersFor, cli, FIXTURES, fixtureQuestionnaire, ROOT, tempDir } from './helpers.js';

const q = fixtureQuestionnaire();
// Earlier: alpha 100 * (.25 + .25 + 2 * .5 + 0) / 5 = 30; beta 100 * (1 + 0 + 0 + .25) / 4 = 31.25; overall 30.625.
const EARLIER = { 'alpha-one': 1, 'alpha-two': 3, 'alpha-three': 2, 'alpha-four': 0, 'beta-one': 4, 'beta-two': 0, 'beta-three': 4, 'beta-four': 1 } as const;
// Later: alpha 100 * (.75 + .75 + 2 * 1) / 4 = 87.5; beta 100 * (0 + .25 + 0) / 3 = 8.33...; overall 47.916...
const LATER = { 'alpha-one': 3, 'alpha-two': 1, 'alpha-three': 4, 'alpha-four': 'dont-know', 'beta-one': 0, 'beta-two': 1, 'beta-three': 4, 'beta-four': null } as const;

describe('compare, one file each side', () => {
  const c = compare(sideOf([assess(q, answersFor(q, { ...EARLIER }, { date: '2026-04-01' }))]), sideOf([assess(q, answersFor(q, { ...LATER }, { date: '2026-10-01' }))]));
  it('gives earlier, later and change per condition and overall', () => {
    expect(c.conditions.map((x) => [x.condition.id, x.earlier, x.later])).toEqual([['alpha', 30, 87.5], ['beta', 31.25, 25 / 3]]);
    expect(c.conditions[0]!.change).toBe(57.5);
    expect(c.conditions[1]!.change).toBeCloseTo(25 / 3 - 31.25, 10);
    expect(c.overall.change).toBeCloseTo((87.5 + 25 / 3) / 2 - 30.625, 10);
    expect(c.versionsDiffer).toBe(false);
  });
  it('sorts barriers into resolved, new and persisting', () => {
    // Earlier: x (2 of 3), y (2 of 2), z (2 of 2) present. Later: y present, x possible, z unknown.
    expect(c.barriers.resolved.map((b) => b.id)).toEqual(['barrier-x', 'risk-z']);
    expect(c.barriers.new).toEqual([]);
    expect(c.barriers.persisting.map((b) => b.id)).toEqual(['barrier-y']);
  });
  it('lists the questions that moved most, answered on both sides, largest first', () => {
    expect(c.movers.map((m) => [m.question.id, m.change, m.better])).toEqual([
      ['beta-one', -4, false], ['alpha-one', 2, true], ['alpha-two', -2, true], ['alpha-three', 2, true], ['beta-two', 1, true],
    ]);
  });
  it('says when the two sides are not about the same organisation, and heads it Comparison', () => {
    const other = compare(sideOf([assess(q, answersFor(q, { ...EARLIER }))]), sideOf([assess(q, answersFor(q, { ...LATER }, { organisation: 'Other Council' }))]));
    const md = renderCompare(other);
    expect(md.split('\n')[0]).toBe('# Comparison: Test Council and Other Council');
    expect(md).toContain('> **These answers are not about the same thing:** they differ in organisations (Test Council; Other Council)');
    expect(renderCompare(c).split('\n')[0]).toBe('# Progress: Test Council');
    expect(renderCompare(c)).not.toContain('not about the same thing');
  });
  it('marks the direction with a symbol and a sign', () => {
    expect([changeMark(21.84), changeMark(-3.06), changeMark(0.04), changeMark(null)]).toEqual(['▲ +21.8', '▼ −3.1', '= 0.0', '–']);
  });
});

describe('compare on the command line', () => {
  const file = (dir: string, name: string, answers: Record<string, unknown>, version = 1, date = '2026-04-01') => {
    const lines = ['questionnaire: mini', `version: ${version}`, 'organisation: Test Council', `date: ${date}`, 'answers:', ...Object.entries(answers).map(([k, v]) => `  ${k}: ${v}`)];
    writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
    return path.join(dir, name);
  };
  it('gives the JSON of formats.md, rounded', () => {
    const dir = tempDir();
    const r = cli(['--questionnaires', FIXTURES, 'compare', '--json', file(dir, 'a.yaml', EARLIER), file(dir, 'b.yaml', { ...LATER, 'beta-four': 'null' }, 1, '2026-10-01')]);
    expect(r.err).toBe('');
    const o = JSON.parse(r.out) as Record<string, unknown>;
    expect(o.earlier).toEqual({ date: '2026-04-01', version: 1, respondents: 1 });
    expect(o.overall).toEqual({ earlier: 30.6, later: 47.9, change: 17.3 });
    expect(o.conditions).toEqual([{ id: 'alpha', earlier: 30, later: 87.5, change: 57.5 }, { id: 'beta', earlier: 31.3, later: 8.3, change: -22.9 }]);
    expect(o.barriers).toEqual({ resolved: ['barrier-x', 'risk-z'], new: [], persisting: ['barrier-y'] });
    expect((o.movers as unknown[])[0]).toEqual({ question: 'beta-one', earlier: 4, later: 0, change: -4 });
  });
  it('matches by id when versions differ, and says so', () => {
    const dir = tempDir();
    const qdir = path.join(dir, 'q');
    mkdirSync(qdir);
    writeFileSync(path.join(qdir, 'mini.yaml'), readFileSync(path.join(FIXTURES, 'mini.yaml')));
    // Version 2 drops beta-four: it leaves the comparison.
    writeFileSync(path.join(qdir, 'mini.v2.yaml'), readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8').replace('version: 1', 'version: 2').replace(/\n {6}- \{ id: beta-four[^\n]*/, '').replace('signals: [alpha-four, beta-four]', 'signals: [alpha-four, beta-one]'));
    const later = file(dir, 'b.yaml', { 'alpha-one': 4, 'alpha-two': 0, 'alpha-three': 4, 'beta-one': 4, 'beta-two': 4, 'beta-three': 0 }, 2);
    const r = cli(['--questionnaires', qdir, 'compare', file(dir, 'a.yaml', EARLIER), later]);
    expect(r.err).toBe('');
    expect(r.out).toContain('**The questionnaire versions differ** (1 and 2)');
    const json = JSON.parse(cli(['--questionnaires', qdir, 'compare', '--json', file(dir, 'a.yaml', EARLIER), later]).out) as { versionsDiffer: boolean; movers: { question: string }[] };
    expect(json.versionsDiffer).toBe(true);
    expect(json.movers.map((m) => m.question)).not.toContain('beta-four');
  });
  it('scores a folder as a group: the mean of the respondents\' scores', () => {
    const dir = tempDir();
    const group = path.join(dir, 'group');
    mkdirSync(group);
    file(group, 'one.yaml', EARLIER);
    file(group, 'two.yaml', { ...LATER, 'beta-four': 'null' }, 1, '2026-05-01');
    const r = cli(['--questionnaires', FIXTURES, 'compare', '--json', group, file(dir, 'later.yaml', EARLIER, 1, '2026-10-01')]);
    const o = JSON.parse(r.out) as { earlier: unknown; conditions: { id: string; earlier: number }[] };
    expect(o.earlier).toEqual({ date: '2026-05-01', version: 1, respondents: 2 });
    // alpha: (30 + 87.5) / 2 = 58.75; beta: (31.25 + 8.33) / 2 = 19.79
    expect(o.conditions.map((c) => c.earlier)).toEqual([58.8, 19.8]);
  });
  it('refuses two different questionnaires', () => {
    const dir = tempDir();
    const other = path.join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(path.join(ROOT, 'examples', 'anytown-early.answers.yaml')));
    const r = cli(['--questionnaires', FIXTURES, 'compare', file(dir, 'a.yaml', EARLIER), other]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('different questionnaires');
  });
  it('writes a chart beside the report with --chart', () => {
    const dir = tempDir();
    const out = path.join(dir, 'progress.md');
    const r = cli(['--questionnaires', FIXTURES, 'compare', file(dir, 'a.yaml', EARLIER), file(dir, 'b.yaml', EARLIER), '-o', out, '--chart']);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('](progress.svg)');
    expect(XMLValidator.validate(readFileSync(path.join(dir, 'progress.svg'), 'utf8'))).toBe(true);
  });
});

describe('charts', () => {
  const svg = renderChart({
    title: 'Scores for <Org> & "Co"', description: 'Alpha 25.0; Beta not enough answers', conditions: ['Alpha', 'Beta'], bands: q.bands,
    series: [{ label: 'Earlier', scores: [25, null] }, { label: 'Later', scores: [100, 62.5] }],
  });
  it('is well-formed SVG with a title and a text alternative', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as { svg: { title: { '#text': string }; desc: { '#text': string }; '@_role': string } };
    expect(doc.svg.title['#text']).toBe('Scores for <Org> & "Co"');
    expect(doc.svg['@_role']).toBe('img');
    expect(doc.svg.desc['#text']).toContain('Alpha 25.0');
  });
  it('draws bars as long as the scores, labels each with its value, and marks the bands', () => {
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*data-score="([\d.]+)"/g)];
    expect(bars.map((b) => [Number(b[3]), Number(b[2])])).toEqual([[25, 105], [100, 420], [62.5, 262.5]]);
    expect(bars.every((b) => Number(b[1]) === CHART.labelWidth)).toBe(true);
    expect(svg).toContain('>Later: 62.5</text>');
    expect(svg).toContain('not enough answers');
    expect([...svg.matchAll(/data-band="([^"]+)"/g)].map((m) => m[1])).toEqual(['Description', 'Recognition', 'Transformation']);
  });
});
