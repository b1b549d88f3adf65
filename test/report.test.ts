// The action report: golden files for the examples, the order of sections, and escaping.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile, parseAnswers } from '../src/load/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import { renderReport } from '../src/render/report.js';
import { fmt, inline } from '../src/render/markdown.js';
import { round1 } from '../src/render/json.js';
import { changeMark } from '../src/render/compare.js';
import { assess } from '../src/score/score.js';
import { fixtureRegistry, ROOT } from './helpers.js';

const examples = path.join(ROOT, 'examples');
const bundled = loadRegistry();

describe('golden reports', () => {
  const names = readdirSync(examples).filter((n) => n.endsWith('.answers.yaml')).sort();
  it('has at least three examples', () => expect(names.length).toBeGreaterThanOrEqual(3));
  it.each(names)('%s gives the committed report (npm run examples regenerates them)', (name) => {
    const loaded = loadAnswersFile(path.join(examples, name), bundled);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    const expected = readFileSync(path.join(examples, name.replace('.answers.yaml', '.report.md')), 'utf8');
    expect(renderReport(assess(loaded.value.questionnaire, loaded.value.answers))).toBe(expected);
  });
});

describe('report structure', () => {
  const registry = fixtureRegistry();
  const load = (text: string) => {
    const r = parseAnswers('a.yaml', text, registry);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    return renderReport(assess(r.value.questionnaire, r.value.answers));
  };
  const head = 'questionnaire: mini\nversion: 1\n';
  const headings = (md: string) => md.split('\n').filter((l) => /^#{1,6} /.test(l));

  it('has the sections of cli.md in order', () => {
    const md = load(`${head}organisation: Test\nanswers: { alpha-one: 0, alpha-two: 4, alpha-three: 1, beta-one: 0, beta-two: 0, beta-three: 4, beta-four: 0 }\n`);
    const top = headings(md).filter((h) => /^#{1,2} /.test(h)).map((h) => h.replace(/:.*/, ''));
    expect(top).toEqual(['# Action report', '## Scores', '## Weakest condition', '## Barriers found', '## Priority actions', '## Strengths', "## What you don't know yet", '## A note on evidence', '## Appendix']);
  });
  it('says the date of the answers, or that they are undated, never today', () => {
    expect(load(`${head}organisation: T\ndate: 2020-01-02\n`)).toContain('**Date of answers:** 2020-01-02');
    expect(load(`${head}organisation: T\n`)).toContain('**Date of answers:** undated');
  });
  it('marks risks as warnings and lists the answers that signalled barriers', () => {
    const md = load(`${head}organisation: T\nanswers: { alpha-four: 0, beta-four: 1, beta-two: 0, beta-three: 4 }\n`);
    expect(md).toContain('> **Warning, a risk: Risk Z**');
    expect(md).toContain('You answered *Strongly disagree* to: "Beta two."');
    expect(md).toContain('You answered *Strongly agree* to: "Beta three."');
  });
  it('says "not enough answers" and what to find out when a condition cannot be scored', () => {
    const md = load(`${head}organisation: T\nanswers: { alpha-one: 4, alpha-two: 0, alpha-three: 4, beta-one: dont-know }\n`);
    expect(md).toContain('**Beta condition: not enough answers** to score (0 of 4 answered; a score needs at least 2).');
    expect(md).toContain("- Beta one. (don't know)");
    expect(md).toContain('There is no overall score yet');
  });
  it('gives the same report however often the questionnaire\'s text has been rendered before, and a note still shows in a row made before without one', () => {
    const answers = `${head}organisation: T\nanswers: { alpha-one: 3, alpha-two: 1, alpha-three: 4, beta-one: 0 }\n`;
    const first = load(answers);
    expect(load(answers)).toBe(first);
    const withNote = load(answers.replace('answers:', 'notes: { alpha-one: "Asked the team" }\nanswers:'));
    expect(withNote).toMatch(/^\| Alpha one\. .*\| Asked the team \|$/m);
    expect(load(answers)).toBe(first);
  });
  it('shows the arithmetic behind each condition score', () => {
    const md = load(`${head}organisation: T\nanswers: { alpha-one: 3, alpha-two: 1, alpha-three: 4, alpha-four: dont-know }\n`);
    expect(md).toContain('Score: 100 × 3.50 ÷ 4 = **87.5**');
  });

  it('escapes text from answers files so that it cannot change the structure', () => {
    const hostile = '# Heading | pipe `code` <script>alert(1)</script> [link](javascript:alert(1)) *em* _u_';
    const md = load(`${head}organisation: ${JSON.stringify(hostile + '\nsecond line')}\nscope: "- list item"\nnotes:\n  alpha: ${JSON.stringify('| a | b |\n## not a heading')}\n  alpha-one: "1. numbered"\nanswers: { alpha-one: 4, alpha-two: 0, alpha-three: 4, beta-one: 4, beta-two: 4 }\n`);
    const plain = load(`${head}organisation: Plain\nscope: Plain\nnotes:\n  alpha: Plain\n  alpha-one: Plain\nanswers: { alpha-one: 4, alpha-two: 0, alpha-three: 4, beta-one: 4, beta-two: 4 }\n`);
    expect(headings(md).length).toBe(headings(plain).length);
    const tableRows = (s: string) => s.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split(/(?<!\\)\|/).length);
    expect(tableRows(md)).toEqual(tableRows(plain));
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).toContain('- **Scope:** \\- list item');
  });
});

describe('inline escaping', () => {
  it('escapes Markdown and HTML, and folds new lines', () => {
    expect(inline('a|b')).toBe('a\\|b');
    expect(inline('<b> & Co')).toBe('&lt;b&gt; & Co');
    expect(inline('&amp; &#60;')).toBe('&amp;amp; &amp;\\#60;');
    expect(inline('x\ny')).toBe('x y');
    expect(inline('[a](b)')).toBe('\\[a\\](b)');
    expect(inline('1. one')).toBe('1\\. one');
    expect(inline('\u001b[31mred')).toBe('\uFFFD\\[31mred');
  });
});

describe('numbers as written', () => {
  it('rounds the same way in text as in JSON, half away from zero', () => {
    for (const n of [0.35, 1.45, -0.05, 43.75, 53.4722, 0]) expect(fmt(n)).toBe(round1(n)!.toFixed(1));
    expect(fmt(0.35)).toBe('0.4');
    expect(fmt(-0.05)).toBe('-0.1');
    expect(fmt(null)).toBe('–');
    expect(changeMark(-0.05)).toBe('▼ −0.1');
    expect(changeMark(0.04)).toBe('= 0.0');
  });
});
