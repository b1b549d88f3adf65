// The parts of assess that need no terminal: the answers file it writes, the closing
// summary, word wrapping, colour rules and the command printed on Ctrl-C.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../src/commands/assess.js';
import { newDraft, serialiseAnswers } from '../src/interview/answers-file.js';
import { middleValue, progressLine } from '../src/interview/interview.js';
import { loadAnswersFile, parseAnswers } from '../src/load/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import { colourWanted, renderTerminalSummary, wrap } from '../src/render/terminal.js';
import { assess } from '../src/score/score.js';
import { fixtureQuestionnaire, fixtureRegistry, ROOT } from './helpers.js';

const mini = fixtureQuestionnaire('mini');

describe('the answers file assess writes', () => {
  it('is a valid answers file with every question id, null until answered, in questionnaire order', () => {
    const draft = newDraft(mini, { organisation: 'Test Council', role: 'officer', scope: null, date: '2026-11-20' });
    draft.answers['beta-two'] = 'dont-know';
    draft.answers['alpha-one'] = 4;
    const text = serialiseAnswers(draft, mini);
    expect(text).toContain('answers:\n  alpha-one: 4\n  alpha-two: null\n  alpha-three: null\n  alpha-four: null\n  beta-one: null\n  beta-two: dont-know\n');
    expect(text).toContain('date: 2026-11-20');
    const parsed = parseAnswers('x.yaml', text, fixtureRegistry());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.answers).toEqual(draft);
  });

  it('keeps awkward text exactly: names that look like numbers or YAML, notes with quotes and colons', () => {
    const draft = newDraft(mini, { organisation: '1984', role: 'yes', scope: '# not a comment: really', date: '2026-11-20' });
    draft.notes.alpha = 'He said "no": then - [left] & {gone}';
    draft.notes['beta-one'] = '  spaced  ';
    const parsed = parseAnswers('x.yaml', serialiseAnswers(draft, mini), fixtureRegistry());
    expect(parsed.ok && parsed.value.answers).toEqual(draft);
  });
});

describe('the closing summary', () => {
  const registry = loadRegistry();
  const loaded = loadAnswersFile(path.join(ROOT, 'examples', 'riverside-middle.answers.yaml'), registry);
  if (!loaded.ok) throw new Error('the example should load');
  const assessment = assess(loaded.value.questionnaire, loaded.value.answers);

  it('reads without colour: a bar, the score and the band for each condition, in 80 columns', () => {
    const text = renderTerminalSummary(assessment, { color: false, width: 80 });
    expect(text).not.toMatch(/\x1b\[/);
    for (const c of assessment.conditions) {
      expect(text).toContain(c.condition.title);
      expect(text).toContain(`${c.score!.toFixed(1)}  ${c.band!.label}`);
    }
    expect(text).toMatch(/^ {4}█+░*  +\d+\.\d {2}\w+$/m);
    expect(text.replace(/\s+/g, ' ')).toContain(`Weakest condition: ${assessment.weakest!.condition.title} (${assessment.weakest!.score!.toFixed(1)})`);
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('names the top barriers and the first three actions with their first steps', () => {
    const text = renderTerminalSummary(assessment, { color: false, width: 80 }).replace(/\s+/g, ' ');
    const present = assessment.barriers.filter((b) => b.status === 'present' && b.barrier.kind === 'barrier').slice(0, 3);
    expect(present.length).toBeGreaterThan(0);
    for (const b of present) expect(text).toContain(`- ${b.barrier.title} (${b.signalling} of ${b.answered} answers point to it)`);
    const actions = assessment.actions.slice(0, 3).map((id) => assessment.questionnaire.actions.find((a) => a.id === id)!);
    actions.forEach((a, i) => {
      expect(text).toContain(`${i + 1}. ${a.title}`);
      expect(text).toContain(`First step: ${a.firstStep.replace(/\s+/g, ' ')}`);
    });
    expect(text).not.toContain('4. ');
  });

  it('puts each condition on one line when the titles are short, and colours only when asked', () => {
    const few = assess(mini, { ...newDraft(mini, { organisation: 'Test', date: '2026-11-20' }), answers: { 'alpha-one': 4, 'alpha-two': 0, 'alpha-three': 4, 'alpha-four': 4, 'beta-one': 0, 'beta-two': 0, 'beta-three': 4, 'beta-four': null } });
    const plain = renderTerminalSummary(few, { color: false });
    expect(plain).toMatch(/^ {2}Alpha condition {2}█{20} {2}100\.0 {2}Transformation$/m);
    expect(plain).toMatch(/^ {2}Beta condition {3}░{20} {4}0\.0 {2}Description \(3 of 4 answered\)$/m);
    expect(plain).toContain('Weakest condition: Beta condition (0.0)');
    const coloured = renderTerminalSummary(few, { color: true });
    expect(coloured).toMatch(/\x1b\[/);
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('shows dots and says so when a condition has too few answers', () => {
    const none = assess(mini, newDraft(mini, { organisation: 'Test', date: '2026-11-20' }));
    const text = renderTerminalSummary(none, { color: false });
    expect(text).toContain('·'.repeat(20));
    expect(text).toContain('not enough answers');
    expect(text).toContain('Weakest condition: none yet');
  });
});

describe('terminal text', () => {
  it('wraps at word boundaries, keeps paragraphs, and indents', () => {
    expect(wrap('one two three four five', 12)).toBe('one two\nthree four\nfive');
    expect(wrap('first para\n\nsecond', 80)).toBe('first para\n\nsecond');
    expect(wrap('aaa bbb ccc', 14, '    ', '- ')).toBe('- aaa bbb ccc');
    expect(wrap('aaa bbb ccc ddd', 14, '    ', '- ')).toBe('- aaa bbb ccc\n    ddd');
    expect(wrap('x'.repeat(25), 20).split('\n').map((l) => l.length)).toEqual([20, 5]);
  });

  it('colours only when wanted: --no-color and NO_COLOR win, FORCE_COLOR forces', () => {
    const tty = { isTTY: true };
    expect(colourWanted(true, tty, {})).toBe(true);
    expect(colourWanted(false, tty, {})).toBe(false);
    expect(colourWanted(true, tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourWanted(true, tty, { NO_COLOR: '' })).toBe(true);
    expect(colourWanted(true, { isTTY: false }, {})).toBe(false);
    expect(colourWanted(true, { isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourWanted(true, tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourWanted(true, tty, { TERM: 'dumb' })).toBe(false);
  });

  it('fits the progress line in the width, or puts it on two lines', () => {
    const [alpha] = mini.conditions;
    const step = { condition: alpha!, conditionNumber: 1, question: alpha!.questions[2]!, number: 3, overall: 3 };
    expect(progressLine(step, mini, 78)).toBe('Alpha condition, question 3 of 4; 3 of 8 overall');
    expect(progressLine(step, mini, 30)).toBe('Alpha condition\nQuestion 3 of 4; 3 of 8 overall');
    expect(middleValue(mini)).toBe(2);
  });

  it('prints a resume command that a shell takes as it is', () => {
    expect(resumeCommand('anytown.answers.yaml', {}, {})).toBe('ostrom-ready assess --answers anytown.answers.yaml');
    expect(resumeCommand('my answers/it\'s.yaml', { plain: true, report: 'r.md' }, { questionnaire: 'ostrom-four-conditions-community' }))
      .toBe("ostrom-ready -q ostrom-four-conditions-community assess --answers 'my answers/it'\\''s.yaml' --report r.md --plain");
    expect(resumeCommand(null, { org: 'Anytown & Co' }, {})).toBe("ostrom-ready assess --org 'Anytown & Co'");
  });
});
