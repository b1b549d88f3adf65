// A laptop lid closes, a terminal is killed: assess is SIGKILLed at random moments, some of
// them in the middle of saving an answer. Every time, the answers file loads and holds every
// answer given before the kill. KILL_RUNS=100 for a longer run.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../src/load/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import { FIXTURES, tempDir } from './helpers.js';
import { Terminal } from './pty.js';

const MINI = path.join(FIXTURES, 'mini.yaml');
const RUNS = Number(process.env.KILL_RUNS ?? 20);
const ORDER = ['alpha-one', 'alpha-two', 'alpha-three', 'alpha-four', 'beta-one', 'beta-two', 'beta-three', 'beta-four'];
const registry = loadRegistry({ questionnaire: MINI });

/** A small seeded generator, so that a failure can be replayed with the same seed. */
function generator(seed: number) {
  let s = seed;
  return (n: number) => { s = (s * 1103515245 + 12345) % 2 ** 31; return s % n; };
}

describe('assess killed at random moments', () => {
  it(`keeps every answer given before the kill (${RUNS} kills)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const random = generator(1000 + run);
      const dir = tempDir();
      const t = new Terminal(['-q', MINI, 'assess', '--plain', '--org', 'Kill Test', '--role', 'officer'], dir);
      await t.waitFor('The service or area you are assessing');
      t.type('\r');
      // Answer a random number of questions, each confirmed by the next prompt (so on disk)...
      const confirmed = random(ORDER.length - 1);
      const values: number[] = [];
      for (let i = 0; i < confirmed; i++) {
        await t.waitFor(`${i + 1} of 8 overall`);
        const value = random(5);
        values.push(value);
        t.type(`${value + 1}\r`);
        if (i === 3) {
          await t.waitFor('A note on "Alpha condition"?');
          t.type('\r');
        }
      }
      await t.waitFor(`${confirmed + 1} of 8 overall`);
      // ...then type one more and kill at once or a moment later: sometimes mid-save.
      const last = random(5);
      t.type(`${last + 1}\r`);
      await new Promise((resolve) => setTimeout(resolve, random(15)));
      t.kill();
      await t.exited;

      const file = path.join(dir, 'kill-test.answers.yaml');
      const context = `run ${run}: ${confirmed} confirmed`;
      expect(existsSync(file), context).toBe(true);
      const loaded = loadAnswersFile(file, registry);
      if (!loaded.ok) throw new Error(`${context}: the answers file does not load: ${JSON.stringify(loaded.diagnostics)}`);
      const answers = loaded.value.answers.answers;
      ORDER.forEach((id, i) => {
        if (i < confirmed) expect(answers[id], `${context}, ${id}`).toBe(values[i]);
        else if (i === confirmed) expect([null, last], `${context}, ${id}`).toContain(answers[id]);
        else expect(answers[id], `${context}, ${id}`).toBeNull();
      });
      // Nothing else is left but, at most, the hidden temporary file of a save cut short.
      expect(readdirSync(dir).filter((f) => !/^\.kill-test\.answers\.yaml\.\d+\.\d+\.tmp$/.test(f)), context).toEqual(['kill-test.answers.yaml']);
    }
  }, 240_000);
});
