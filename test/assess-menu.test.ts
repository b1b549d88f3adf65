// The arrow-key interview, driven through @inquirer/testing's screen: every prompt that
// src/interview/prompts.ts opens is drawn on the test screen and answered with key presses.
import { screen } from '@inquirer/testing/vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { runAssess, type AssessOptions } from '../src/commands/assess.js';
import type { GlobalOptions } from '../src/commands/context.js';
import { captureIo, tempDir } from './helpers.js';
import { loadAnswers, questionnaireWithHelp, TerminalCapture } from './assess-helpers.js';

function start(dir: string, options: AssessOptions = {}, globals: GlobalOptions = {}) {
  const io = captureIo();
  const output = new TerminalCapture();
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const questionnaire = questionnaireWithHelp(dir);
  const run = runAssess(options, { questionnaire, color: false, ...globals }, io, { input, output, stdoutIsTTY: false, cwd: dir, today: '2026-11-20' });
  return { run, io, output, questionnaire };
}

async function firstPrompt(): Promise<void> {
  await vi.waitFor(() => expect(screen.getScreen()).not.toBe(''), { timeout: 5000, interval: 5 });
}

/** Press the keys, then Enter; wait for the next prompt unless this was the last. */
async function choose(keys: string[], last = false): Promise<void> {
  for (const key of keys) screen.keypress(key);
  screen.keypress('enter');
  if (!last) await screen.next();
}

async function type(text: string, last = false): Promise<void> {
  if (text) screen.type(text);
  screen.keypress('enter');
  if (!last) await screen.next();
}

/** Organisation, role (the first one offered) and scope. */
async function whoAndWhat(scope = ''): Promise<void> {
  await firstPrompt();
  expect(screen.getScreen()).toContain('The name of your organisation');
  await type('Test Council');
  expect(screen.getScreen()).toContain('Your role');
  await choose([]);
  expect(screen.getScreen()).toContain('The service or area you are assessing');
  await type(scope);
}

/** Text as one line: prompts and messages are wrapped to the terminal's width. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const shown = () => flat(screen.getScreen());

const CURSOR_ON_MIDDLE = '❯ 3. Neither agree nor disagree';

describe('assess with menus', () => {
  it('runs a whole assessment: opening screen, progress, notes, summary, answers file and report', async () => {
    const dir = tempDir();
    const { run, io, output, questionnaire } = start(dir);
    await whoAndWhat('Adult social care');
    expect(output.text).toContain('8 statements in 2 parts');
    expect(flat(output.text)).toContain('"Don\'t know" is a fine answer');
    expect(flat(output.text)).toContain('stop at any time with Ctrl-C');
    expect(output.text).toContain('ostrom-ready assess --plain');
    expect(output.text).toContain('Part 1 of 2: Alpha condition\nThe first condition.');

    const first = screen.getScreen();
    expect(first).toContain('Alpha condition, question 1 of 4; 1 of 8 overall');
    expect(first).toContain(CURSOR_ON_MIDDLE);
    expect(first).not.toContain('Back to the previous question');
    await choose(['down']); // Agree
    expect(screen.getScreen()).toContain('Alpha condition, question 2 of 4; 2 of 8 overall');
    expect(screen.getScreen()).toContain('Back to the previous question');
    await choose([]); // Enter alone: the middle of the scale
    await choose(['up', 'up']); // Strongly disagree
    await choose(['down', 'down']); // Strongly agree
    expect(screen.getScreen()).toContain('A note on "Alpha condition"?');
    await type('We share one budget.');
    expect(output.text).toContain('Part 2 of 2: Beta condition\nThe second condition.');
    expect(screen.getScreen()).toContain('Beta condition, question 1 of 4; 5 of 8 overall');
    await choose(['down', 'down', 'down']); // Don't know
    await choose(['up']);
    await choose(['down']);
    await choose(['down']);
    expect(screen.getScreen()).toContain('A note on "Beta condition"?');
    await type('', true);

    expect(await run).toBe(0);
    const saved = loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire);
    expect(saved).toMatchObject({
      questionnaire: 'mini', version: 1, organisation: 'Test Council', scope: 'Adult social care',
      respondent: { name: null, role: 'officer' }, date: '2026-11-20',
      answers: { 'alpha-one': 3, 'alpha-two': 2, 'alpha-three': 0, 'alpha-four': 4, 'beta-one': 'dont-know', 'beta-two': 1, 'beta-three': 3, 'beta-four': 3 },
      notes: { alpha: 'We share one budget.' },
    });
    const report = readFileSync(path.join(dir, 'test-council.report.md'), 'utf8');
    expect(report).toContain('# Action report: Test Council');
    expect(report).toContain('We share one budget.');
    // The summary, on standard output.
    expect(io.out).toContain('Scores for Test Council');
    expect(io.out).toMatch(/Alpha condition {2}[█░]{20} {2}\s*\d+\.\d {2}\w+/);
    expect(io.out).toContain('Weakest condition:');
    expect(io.out).toContain('First actions:');
    expect(flat(output.text)).toContain('Your report: test-council.report.md');
  });

  it('goes back, shows the earlier answer under the cursor, and keeps the changed answer', async () => {
    const dir = tempDir();
    const { run, questionnaire } = start(dir, { org: 'Test Council', role: 'resident' });
    await firstPrompt();
    expect(screen.getScreen()).toContain('The service or area');
    await type('');
    await choose([]); // alpha-one: Neither
    await choose(['down']); // alpha-two: Agree
    expect(screen.getScreen()).toContain('question 3 of 4');
    await choose(['down', 'down', 'down', 'down']); // Back (past Agree, Strongly agree, Don't know)
    const again = screen.getScreen();
    expect(again).toContain('Alpha condition, question 2 of 4; 2 of 8 overall');
    expect(again).toContain('❯ 4. Agree');
    await choose(['up', 'up']); // now Disagree
    expect(screen.getScreen()).toContain('question 3 of 4');
    expect(screen.getScreen()).toContain(CURSOR_ON_MIDDLE);
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run).toBe(130);
    const saved = loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire);
    expect(saved.answers).toMatchObject({ 'alpha-one': 2, 'alpha-two': 1, 'alpha-three': null });
    expect(saved.respondent.role).toBe('resident');
  });

  it('shows the help on request and asks the same question again, with Enter still answering', async () => {
    const dir = tempDir();
    const { run, output, questionnaire } = start(dir, { org: 'Test Council', role: 'officer' });
    await firstPrompt();
    await type('');
    expect(screen.getScreen()).toContain('Help with this question');
    await choose(['down', 'down', 'down', 'down']); // Help (past Agree, Strongly agree, Don't know)
    expect(output.text).toContain('Help: Count the budgets you share.');
    expect(screen.getScreen()).toContain('question 1 of 4; 1 of 8 overall');
    expect(screen.getScreen()).toContain(CURSOR_ON_MIDDLE);
    await choose([]);
    // No help line is left behind for the help choice itself; the answer is.
    expect(output.text).not.toMatch(/✔ Alpha one\.\s*$/m);
    expect(output.text).toContain('✔ Alpha one. Neither agree nor disagree');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run).toBe(130);
    expect(loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire).answers['alpha-one']).toBe(2);
  });

  it('stops on Ctrl-C with exit 130 and one line saying where the answers are and how to carry on', async () => {
    const dir = tempDir();
    const { run, io, questionnaire } = start(dir);
    await whoAndWhat();
    await choose(['down']);
    await choose(['down', 'down', 'down']); // Don't know
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run).toBe(130);
    expect(io.err).toBe(`\nStopped. 2 of 8 answered, saved in test-council.answers.yaml. To carry on: ostrom-ready -q ${questionnaire} assess --answers test-council.answers.yaml\n`);
    const saved = loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire);
    expect(saved.answers).toMatchObject({ 'alpha-one': 3, 'alpha-two': 'dont-know', 'alpha-three': null });
    expect(existsSync(path.join(dir, 'test-council.report.md'))).toBe(false);
  });

  it('says nothing was saved when stopped before the first answer', async () => {
    const dir = tempDir();
    const { run, io } = start(dir, {}, { questionnaire: undefined });
    await firstPrompt();
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run).toBe(130);
    expect(io.err).toBe('\nStopped before anything was saved. To start again: ostrom-ready assess\n');
  });

  it('resumes a partial file at the first unanswered question and says how many are done', async () => {
    const dir = tempDir();
    const { run, output, questionnaire } = start(dir, { answers: 'ours.yaml' });
    writeFileSync(path.join(dir, 'ours.yaml'), [
      'questionnaire: mini', 'version: 1', 'organisation: Test Council', 'date: 2026-01-05',
      'answers:', '  alpha-one: Agree', '  alpha-two: 1', '  alpha-three: dont-know', 'notes:', '  alpha: Started in January.', '',
    ].join('\n'));
    await firstPrompt();
    expect(flat(output.text)).toContain('Carrying on with ours.yaml: 3 of 8 answered so far.');
    expect(screen.getScreen()).toContain('Alpha condition, question 4 of 4; 4 of 8 overall');
    await choose(['down']);
    expect(screen.getScreen()).toContain('A note on "Alpha condition"?');
    expect(screen.getScreen()).toContain('Started in January.'); // the earlier note, kept on Enter
    await type('');
    for (let i = 0; i < 4; i++) await choose([]);
    await type('', true);
    expect(await run).toBe(0);
    const saved = loadAnswers(path.join(dir, 'ours.yaml'), questionnaire);
    expect(saved.date).toBe('2026-01-05');
    expect(saved.notes).toEqual({ alpha: 'Started in January.' });
    expect(saved.answers).toEqual({
      'alpha-one': 3, 'alpha-two': 1, 'alpha-three': 'dont-know', 'alpha-four': 3,
      'beta-one': 2, 'beta-two': 2, 'beta-three': 2, 'beta-four': 2,
    });
    expect(existsSync(path.join(dir, 'ours.report.md'))).toBe(false);
    expect(existsSync(path.join(dir, 'test-council.report.md'))).toBe(true);
  });

  it('finds the default file for the organisation and carries on with it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'test-council.answers.yaml'), 'questionnaire: mini\nversion: 1\norganisation: Test Council\nanswers:\n  alpha-one: 4\n');
    const { run, output } = start(dir);
    await firstPrompt();
    await type('test council');
    expect(flat(output.text)).toContain('Found the answers for Test Council in test-council.answers.yaml: carrying on, 1 of 8 answered so far.');
    expect(screen.getScreen()).toContain('question 2 of 4; 2 of 8 overall');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run).toBe(130);
  });

  it('never silently reuses a finished file: a new assessment goes beside it under a dated name', async () => {
    const dir = tempDir();
    const finished = path.join(dir, 'test-council.answers.yaml');
    const text = 'questionnaire: mini\nversion: 1\norganisation: Test Council\nrespondent: { role: resident }\ndate: 2025-11-01\nanswers: { alpha-one: 0, alpha-two: 0, alpha-three: 0, alpha-four: 0, beta-one: 0, beta-two: 0, beta-three: 0, beta-four: 0 }\n';
    writeFileSync(finished, text);
    const { run, output, questionnaire } = start(dir, { org: 'Test Council' });
    await firstPrompt();
    expect(flat(output.text)).toContain('test-council.answers.yaml is finished: all 8 questions answered (dated 2025-11-01). You can review those answers (changes are saved in the same file), or start a new assessment, saved beside it as test-council-2026-11-20.answers.yaml.');
    const offer = shown();
    expect(offer).toContain('❯ 1. Review those answers');
    expect(offer).toContain('2. Start a new assessment');
    expect(offer).toContain('3. Only show the scores and write the report');
    await choose(['down']);
    expect(screen.getScreen()).toContain('❯ 2. resident'); // the earlier role, kept on Enter
    await choose([]);
    await type('');
    expect(screen.getScreen()).toContain('question 1 of 4; 1 of 8 overall');
    expect(screen.getScreen()).toContain(CURSOR_ON_MIDDLE);
    await choose(['down']);
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run).toBe(130);
    expect(readFileSync(finished, 'utf8')).toBe(text);
    const fresh = loadAnswers(path.join(dir, 'test-council-2026-11-20.answers.yaml'), questionnaire);
    expect(fresh).toMatchObject({ date: '2026-11-20', respondent: { role: 'resident' }, answers: { 'alpha-one': 3, 'alpha-two': null } });
  });

  it('reviews a finished file with each earlier answer under the cursor', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'done.yaml'), 'questionnaire: mini\nversion: 1\norganisation: Test Council\nanswers: { alpha-one: 4, alpha-two: 0, alpha-three: dont-know, alpha-four: 1, beta-one: 3, beta-two: 3, beta-three: 3, beta-four: 3 }\n');
    const { run, questionnaire } = start(dir, { answers: 'done.yaml', report: 'done.md' });
    await firstPrompt();
    await choose([]); // Review
    expect(screen.getScreen()).toContain('❯ 5. Strongly agree');
    await choose(['up']); // Agree
    expect(screen.getScreen()).toContain('❯ 1. Strongly disagree');
    await choose([]);
    expect(screen.getScreen()).toContain("❯ 6. Don't know");
    await choose([]);
    await choose([]);
    await type('');
    for (let i = 0; i < 4; i++) await choose([]);
    await type('', true);
    expect(await run).toBe(0);
    expect(loadAnswers(path.join(dir, 'done.yaml'), questionnaire).answers).toMatchObject({ 'alpha-one': 3, 'alpha-two': 0, 'alpha-three': 'dont-know', 'alpha-four': 1 });
    expect(existsSync(path.join(dir, 'done.md'))).toBe(true);
  });

  it('asks before replacing an existing report, and keeps it unless told to', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'done.yaml'), 'questionnaire: mini\nversion: 1\norganisation: Test Council\nanswers: { alpha-one: 4, alpha-two: 0, alpha-three: 2, alpha-four: 1, beta-one: 3, beta-two: 3, beta-three: 3, beta-four: 3 }\n');
    writeFileSync(path.join(dir, 'test-council.report.md'), 'my edits');
    const { run, output } = start(dir, { answers: 'done.yaml' });
    await firstPrompt();
    await choose(['down', 'down']); // Only the scores and the report
    expect(shown()).toContain('test-council.report.md already exists. Replace it? (No saves the new report as test-council-2026-11-20.report.md)');
    await type('', true);
    expect(await run).toBe(0);
    expect(readFileSync(path.join(dir, 'test-council.report.md'), 'utf8')).toBe('my edits');
    expect(readFileSync(path.join(dir, 'test-council-2026-11-20.report.md'), 'utf8')).toContain('# Action report: Test Council');
    expect(flat(output.text)).toContain('Your report: test-council-2026-11-20.report.md');
  });
});

describe('assess without a terminal', () => {
  it('exits 2 at once and points to template and report', async () => {
    const io = captureIo();
    const code = await runAssess({}, {}, io, { input: Object.assign(new PassThrough(), { isTTY: false }), output: new TerminalCapture(), stdoutIsTTY: false, cwd: tempDir(), today: '2026-11-20' });
    expect(code).toBe(2);
    expect(io.err).toContain('standard input is not one');
    expect(io.err).toContain('ostrom-ready template -o answers.yaml');
    expect(io.err).toContain('ostrom-ready report answers.yaml');
  });
});
