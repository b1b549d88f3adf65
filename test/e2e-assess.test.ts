// The built CLI (bin/ostrom-ready.js, after `npm run build`) in a real pseudo-terminal, as a
// person would use it: arrow keys and Enter, Ctrl-C, and a kill -9 in the middle.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, tempDir } from './helpers.js';
import { loadRegistry } from '../src/load/registry.js';
import { loadAnswers } from './assess-helpers.js';
import { KEY, Terminal } from './pty.js';

const MINI = path.join(FIXTURES, 'mini.yaml');
describe('assess in a real terminal', () => {
  it('is built', () => {
    expect(existsSync(BIN)).toBe(true);
    expect(existsSync(path.join(path.dirname(BIN), '..', 'dist', 'cli.cjs'))).toBe(true);
  });

  it('runs the whole bundled questionnaire with arrow keys and writes the answers and the report', async () => {
    const dir = tempDir();
    const t = new Terminal(['assess'], dir);
    await t.waitFor('The name of your organisation:');
    t.type('Anytown Borough Council\r');
    await t.waitFor('Your role:');
    t.type(KEY.enter);
    await t.waitFor('The service or area you are assessing');
    t.type('Adult social care\r');

    const registry = loadRegistry();
    const q = registry.latest('ostrom-four-conditions')!.questionnaire;
    const expected: Record<string, number | string> = {};
    let overall = 0;
    for (const condition of q.conditions) {
      for (const [i, question] of condition.questions.entries()) {
        overall++;
        // (Long titles put the progress on a line of its own: "Question 1 of 10; ...".)
        await t.waitFor(`uestion ${i + 1} of ${condition.questions.length}; ${overall} of 37 overall`);
        // A mix of answers: Enter alone (the middle), one or two steps down, and don't know.
        const downs = overall === 5 ? 3 : overall % 3;
        expected[question.id] = overall === 5 ? 'dont-know' : 2 + downs;
        t.type(KEY.down.repeat(downs) + KEY.enter);
      }
      await t.waitFor(`A note on "${condition.title}"?`);
      t.type(condition.id === 'commitment' ? 'Trust is built slowly here.\r' : KEY.enter);
    }
    await t.waitFor('Your report: anytown-borough-council.report.md');
    expect((await t.exited).exitCode).toBe(0);

    const saved = loadAnswers(path.join(dir, 'anytown-borough-council.answers.yaml'));
    expect(saved).toMatchObject({ organisation: 'Anytown Borough Council', scope: 'Adult social care', respondent: { role: 'officer' } });
    expect(saved.answers).toEqual(expected);
    expect(saved.notes).toEqual({ commitment: 'Trust is built slowly here.' });
    const report = readFileSync(path.join(dir, 'anytown-borough-council.report.md'), 'utf8');
    expect(report).toContain('# Action report: Anytown Borough Council');
    expect(report).toContain('Trust is built slowly here.');
    expect(t.words).toContain('Scores for Anytown Borough Council');
    expect(t.words).toContain('First actions:');
    expect(t.words).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('survives kill -9 midway: the answers file is whole, holds every answer given, and resumes to the end', async () => {
    const dir = tempDir();
    const first = new Terminal(['-q', MINI, 'assess', '--plain', '--org', 'Test Council', '--role', 'officer'], dir);
    await first.waitFor('The service or area you are assessing');
    first.type('\r');
    const given: [string, string][] = [
      ['1 of 8 overall', '4'], ['2 of 8 overall', '2'], ['3 of 8 overall', 'd'], ['4 of 8 overall', '5'],
      ['A note on "Alpha condition"?', 'A note before the crash.'], ['5 of 8 overall', '1'], ['6 of 8 overall', ''],
    ];
    for (const [prompt, line] of given) {
      await first.waitFor(prompt);
      first.type(`${line}\r`);
    }
    // The next question on screen means the last answer is on disk.
    await first.waitFor('Beta condition, question 3 of 4; 7 of 8 overall');
    first.kill();
    expect((await first.exited).signal).toBe(9);

    const file = path.join(dir, 'test-council.answers.yaml');
    const afterKill = loadAnswers(file, MINI);
    expect(afterKill.answers).toEqual({
      'alpha-one': 3, 'alpha-two': 1, 'alpha-three': 'dont-know', 'alpha-four': 4,
      'beta-one': 0, 'beta-two': 2, 'beta-three': null, 'beta-four': null,
    });
    expect(afterKill.notes).toEqual({ alpha: 'A note before the crash.' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = new Terminal(['-q', MINI, 'assess', '--plain', '--answers', 'test-council.answers.yaml'], dir);
    await second.waitFor('Carrying on with test-council.answers.yaml: 6 of 8 answered so far.');
    await second.waitFor('Beta condition, question 3 of 4; 7 of 8 overall');
    second.type('4\r');
    await second.waitFor('question 4 of 4; 8 of 8 overall');
    second.type('\r');
    await second.waitFor('A note on "Beta condition"?');
    second.type('\r');
    await second.waitFor('Your report: test-council.report.md');
    expect((await second.exited).exitCode).toBe(0);
    const finished = loadAnswers(file, MINI);
    expect(finished.answers).toEqual({ ...afterKill.answers, 'beta-three': 3, 'beta-four': 2 });
    expect(finished.notes).toEqual({ alpha: 'A note before the crash.' });
    expect(existsSync(path.join(dir, 'test-council.report.md'))).toBe(true);
  });

  it('stops on Ctrl-C with exit 130, no stack trace, and the command that carries on', async () => {
    const dir = tempDir();
    const t = new Terminal(['-q', MINI, 'assess', '--org', 'Test Council', '--role', 'officer'], dir);
    await t.waitFor('The service or area you are assessing');
    t.type('\r');
    await t.waitFor('question 1 of 4; 1 of 8 overall');
    t.type(KEY.down + KEY.enter);
    await t.waitFor('question 2 of 4; 2 of 8 overall');
    t.type(KEY.ctrlC);
    expect((await t.exited).exitCode).toBe(130);
    expect(t.words).toContain(`Stopped. 1 of 8 answered, saved in test-council.answers.yaml. To carry on: ostrom-ready -q ${MINI} assess --answers test-council.answers.yaml`);
    expect(t.words).not.toMatch(/Error|\bat .*\.js:\d+/);
    expect(loadAnswers(path.join(dir, 'test-council.answers.yaml'), MINI).answers['alpha-one']).toBe(3);
  });

  it('exits 2 at once without an interactive terminal', () => {
    const r = spawnSync(process.execPath, [BIN, 'assess'], { cwd: tempDir(), input: '', encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ostrom-ready template');
    expect(r.stderr).toContain('ostrom-ready report');
  });
});
