// --plain: the same interview line by line, driven through streams as a terminal would send
// keys (raw mode: Enter is \r, Ctrl-C is \x03).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runAssess, type AssessOptions } from '../src/commands/assess.js';
import { createPlainPrompter } from '../src/interview/plain.js';
import { InterruptedError } from '../src/interview/prompter.js';
import { UsageError } from '../src/load/diagnostics.js';
import { captureIo, tempDir } from './helpers.js';
import { loadAnswers, questionnaireWithHelp, TerminalCapture } from './assess-helpers.js';

/** Run assess --plain with these lines typed (each followed by Enter); "\x03" is Ctrl-C. */
async function runTyped(dir: string, lines: string[], options: AssessOptions = {}) {
  const io = captureIo();
  const output = new TerminalCapture();
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const questionnaire = questionnaireWithHelp(dir);
  input.write(lines.map((l) => (l === '\x03' ? l : `${l}\r`)).join(''));
  const code = await runAssess({ plain: true, ...options }, { questionnaire, color: false }, io, { input, output, stdoutIsTTY: false, cwd: dir, today: '2026-11-20' });
  return { code, io, output, questionnaire };
}

describe('assess --plain', () => {
  it('runs a whole assessment line by line: numbers, Enter, d, notes', async () => {
    const dir = tempDir();
    const { code, io, output, questionnaire } = await runTyped(dir, [
      'Test Council', '', 'Adult social care',
      '4', '', '1', '5', 'We share one budget.',
      'd', '2', 'agree', '4', '',
    ]);
    expect(code).toBe(0);
    const words = output.words;
    expect(words).toContain('Type the number of your answer and press Enter; d for don\'t know; ? for help; b to go back.');
    expect(words).not.toContain('--plain'); // the menu version's hint is not for this one
    expect(words).toContain('Alpha condition, question 1 of 4; 1 of 8 overall Alpha one.');
    // The scale is listed in full the first time, then in one line.
    expect(words).toContain('(1 Strongly disagree, 2 Disagree, 3 Neither agree nor disagree, 4 Agree, 5 Strongly agree, d Don\'t know, b Back to the previous question)');
    expect(words).toContain('Alpha one. 1 Strongly disagree 2 Disagree 3 Neither agree nor disagree 4 Agree 5 Strongly agree d Don\'t know ? Help with this question Type 1-5, d or ?; Enter for 3 (Neither agree nor disagree):');
    expect(words).toContain('Alpha two. 1 Strongly disagree 2 Disagree 3 Neither agree nor disagree 4 Agree 5 Strongly agree d Don\'t know b Back to the previous question Type 1-5, d or b; Enter for 3 (Neither agree nor disagree):');
    expect(words).toContain('Beta condition, question 4 of 4; 8 of 8 overall');
    const saved = loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire);
    expect(saved).toMatchObject({
      organisation: 'Test Council', scope: 'Adult social care', respondent: { role: 'officer' }, date: '2026-11-20',
      answers: { 'alpha-one': 3, 'alpha-two': 2, 'alpha-three': 0, 'alpha-four': 4, 'beta-one': 'dont-know', 'beta-two': 1, 'beta-three': 3, 'beta-four': 3 },
      notes: { alpha: 'We share one budget.' },
    });
    expect(readFileSync(path.join(dir, 'test-council.report.md'), 'utf8')).toContain('We share one budget.');
    expect(io.out).toContain('Scores for Test Council');
  });

  it('goes back with b, offers the earlier answer on Enter, and keeps the change', async () => {
    const dir = tempDir();
    const { code, output, questionnaire } = await runTyped(dir, ['', '3', '4', 'b', '2', '\x03'], { org: 'Test Council', role: 'officer' });
    expect(code).toBe(130);
    expect(output.words).toContain('Alpha condition, question 2 of 4; 2 of 8 overall Alpha two. (1 Strongly disagree, 2 Disagree, 3 Neither agree nor disagree, 4 Agree, 5 Strongly agree, d Don\'t know, b Back to the previous question) Type 1-5, d or b; Enter for 4 (Agree):');
    const saved = loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire);
    expect(saved.answers).toMatchObject({ 'alpha-one': 2, 'alpha-two': 1, 'alpha-three': null });
  });

  it('shows the help with ?, then asks again; says so when a reply is not a choice', async () => {
    const dir = tempDir();
    const { code, output, questionnaire } = await runTyped(dir, ['', '?', '7', 'x', '', '\x03'], { org: 'Test Council', role: 'officer' });
    expect(code).toBe(130);
    expect(output.words).toContain('Help: Count the budgets you share.');
    expect(output.words).toContain('"7" is not one of the choices. Type 1-5, d or ?.');
    expect(output.words).toContain('"x" is not one of the choices.');
    expect(loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire).answers['alpha-one']).toBe(2);
  });

  it('stops on Ctrl-C with exit 130 and the command that carries on', async () => {
    const dir = tempDir();
    const { code, io, questionnaire } = await runTyped(dir, ['Test Council', '', '', '4', 'd', '\x03']);
    expect(code).toBe(130);
    expect(io.err).toBe(`\nStopped. 2 of 8 answered, saved in test-council.answers.yaml. To carry on: ostrom-ready -q ${questionnaire} assess --answers test-council.answers.yaml --plain\n`);
    expect(loadAnswers(path.join(dir, 'test-council.answers.yaml'), questionnaire).answers).toMatchObject({ 'alpha-one': 3, 'alpha-two': 'dont-know', 'alpha-three': null });
  });

  it('resumes a partial file at the first unanswered question', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ours.yaml'), 'questionnaire: mini\nversion: 1\norganisation: Test Council\nanswers:\n  alpha-one: 4\n  alpha-two: 4\n');
    const { code, output, questionnaire } = await runTyped(dir, ['1', '', '', '', '', '', '', ''], { answers: 'ours.yaml' });
    expect(code).toBe(0);
    expect(output.words).toContain('Carrying on with ours.yaml: 2 of 8 answered so far.');
    expect(output.words).not.toContain('Alpha condition, question 2 of 4');
    expect(output.words).toContain('Alpha condition, question 3 of 4; 3 of 8 overall');
    const saved = loadAnswers(path.join(dir, 'ours.yaml'), questionnaire);
    expect(saved.answers).toEqual({ 'alpha-one': 4, 'alpha-two': 4, 'alpha-three': 0, 'alpha-four': 2, 'beta-one': 2, 'beta-two': 2, 'beta-three': 2, 'beta-four': 2 });
    expect(saved.date).toBe('2026-11-20'); // an undated file gets the day it was taken up
  });

  it('treats the end of input like Ctrl-C: the answers so far are kept', async () => {
    const dir = tempDir();
    const io = captureIo();
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const questionnaire = questionnaireWithHelp(dir);
    input.end('Test Council\r\r\r4\r');
    const code = await runAssess({ plain: true }, { questionnaire, color: false }, io, { input, output: new TerminalCapture(), stdoutIsTTY: false, cwd: dir, today: '2026-11-20' });
    expect(code).toBe(130);
    expect(io.err).toContain('Stopped. 1 of 8 answered, saved in test-council.answers.yaml.');
  });
});

describe('assess before the first question', () => {
  it('exits 1 with FILE:LINE:COLUMN when the answers file to resume is broken, and leaves it alone', async () => {
    const dir = tempDir();
    const text = 'questionnaire: mini\nversion: 1\norganisation: Test Council\nanswers:\n  alpha-one: Agreed\n';
    writeFileSync(path.join(dir, 'ours.yaml'), text);
    const { code, io } = await runTyped(dir, [], { answers: 'ours.yaml' });
    expect(code).toBe(1);
    expect(io.err).toMatch(/^ours\.yaml:5:14: error: answer to "alpha-one": "Agreed" is not on the scale/m);
    expect(readFileSync(path.join(dir, 'ours.yaml'), 'utf8')).toBe(text);
  });

  it('refuses a folder that does not exist for --answers or --report, before asking anything', async () => {
    const dir = tempDir();
    await expect(runTyped(dir, [], { answers: 'nowhere/ours.yaml' })).rejects.toThrow(UsageError);
    await expect(runTyped(dir, [], { report: 'nowhere/report.md' })).rejects.toThrow(/--report .*report\.md: the folder .*nowhere does not exist/);
  });
});

describe('the plain prompter on its own', () => {
  it('reads lines typed ahead of their prompts, and rejects with InterruptedError on Ctrl-C', async () => {
    const input = new PassThrough();
    const output = new TerminalCapture();
    const prompter = createPlainPrompter({ input, output, terminal: false });
    input.write('maybe\ny\nsome text\n');
    await expect(prompter.confirm({ message: 'Go on?', default: false })).resolves.toBe(true);
    expect(output.words).toContain('Please type y or n.');
    await expect(prompter.input({ message: 'Say something:' })).resolves.toBe('some text');
    const pending = prompter.input({ message: 'Again:', required: true });
    input.end();
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    prompter.close();
  });
});
