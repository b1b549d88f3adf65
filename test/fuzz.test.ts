// Property-based fuzzing of the loader and the scorer: generated and mutated answers files
// never throw, never hang, and every accepted file scores within 0 to 100.
// FUZZ_RUNS=200000 npx vitest run test/fuzz.test.ts for a longer run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../src/load/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import { assess } from '../src/score/score.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const registry = loadRegistry();
const q = registry.latest('ostrom-four-conditions')!.questionnaire;
const ids = q.conditions.flatMap((c) => c.questions.map((x) => x.id));
const labels = q.scale.options.map((o) => o.label);

function check(text: string): void {
  const started = Date.now();
  const loaded = parseAnswers('fuzz.yaml', text, registry);
  if (loaded.ok) {
    const a = assess(loaded.value.questionnaire, loaded.value.answers);
    for (const s of [a.overall.score, ...a.conditions.map((c) => c.score)]) {
      if (s !== null) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }
    }
    for (const b of a.barriers) if (b.strength !== null) expect(b.strength).toBeLessThanOrEqual(1);
  } else {
    expect(loaded.diagnostics.length).toBeGreaterThan(0);
    for (const d of loaded.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(typeof d.message).toBe('string');
    }
  }
  expect(Date.now() - started).toBeLessThan(2_000); // no pathological slowness
}

const value = fc.oneof(
  fc.integer({ min: -3, max: 7 }), fc.double({ noNaN: false }), fc.constantFrom(...labels, 'dont-know', "Don't know", 'null', '~', 'yes', ''),
  fc.string({ maxLength: 12 }), fc.constantFrom('[1, 2]', '{a: 1}', '&x 3', '*x', '!!str 3', '"3"', "'4'", '|\n    3'),
);
const answersFile = fc.record({
  organisation: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constant('')),
  version: fc.constantFrom('1', '2', '"1"', '0', '-1', '1.5', 'one'),
  answers: fc.dictionary(fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 10 })), value, { maxKeys: 45 }),
  extra: fc.option(fc.constantFrom('organization: X', 'scope: [a', 'date: 2026-13-40', 'respondent: 3', 'notes: {synergy: 1}', '__proto__: {a: 1}'), { nil: undefined }),
}).map(({ organisation, version, answers, extra }) => [
  'questionnaire: ostrom-four-conditions', `version: ${version}`, `organisation: ${JSON.stringify(organisation)}`, ...(extra ? [extra] : []),
  'answers:', ...Object.entries(answers).map(([k, v]) => `  ${JSON.stringify(k)}: ${typeof v === 'number' ? String(v) : v}`), '',
].join('\n'));

/** A valid file, then characters inserted, deleted or replaced, and lines duplicated or swapped. */
const base = ['questionnaire: ostrom-four-conditions', 'version: 1', 'organisation: Anytown', 'date: 2026-11-20', 'respondent:', '  role: officer', 'answers:', ...ids.map((id, i) => `  ${id}: ${i % 5}`), 'notes:', '  synergy: "a note"', ''].join('\n');
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(':', ' ', '\n', '\t', '-', '[', ']', '{', '}', '"', "'", '#', '&a', '*a', '!', '|', '>', '%', '@', '`', '\u0000', '\uFEFF'), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = m.at % (t.length + 1);
    if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.length);
    else {
      const lines = t.split('\n');
      const i = m.at % lines.length;
      if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
      else { const j = m.with % lines.length; [lines[i], lines[j]] = [lines[j]!, lines[i]!]; }
      t = lines.join('\n');
    }
  }
  return t;
}

describe('fuzzing the loader and the scorer', () => {
  it(`generated answers files (${RUNS} cases)`, () => {
    fc.assert(fc.property(answersFile, (text) => check(text)), { numRuns: RUNS });
  }, 300_000);
  it(`mutated valid files (${RUNS} cases)`, () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => check(mutate(base, ms))), { numRuns: RUNS });
  }, 300_000);
});
