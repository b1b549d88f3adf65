// The fast path for simple answers files must read exactly what the yaml package reads, and
// give up on anything it does not fully understand.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../src/load/fast-yaml.js';
import { ROOT } from './helpers.js';

/** Whatever the fast path accepts, yaml reads without error and to the same value. */
function agrees(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return true;
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, strict: true, logLevel: 'silent' });
  expect(doc.errors.map((e) => e.message), JSON.stringify(text)).toEqual([]);
  expect(fast, JSON.stringify(text)).toEqual(doc.toJS() ?? {});
  return true;
}

function textsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f))
    .map((f) => readFileSync(f).toString('utf8'));
}

describe('the fast YAML path', () => {
  it('reads a typical answers file', () => {
    const text = [
      '# a comment', 'questionnaire: ostrom-four-conditions', 'version: 1', 'organisation: "Anytown, \\"the\\" Council"', 'respondent:', '  role: officer  # a note',
      'answers:', '  a-b: 3', '  c-d: dont-know', '  e-f:', '  g-h: Agree', 'notes:', "  synergy: 'It''s fine'", '',
    ].join('\n');
    expect(parseSimpleYaml(text)).toEqual({
      questionnaire: 'ostrom-four-conditions', version: 1, organisation: 'Anytown, "the" Council', respondent: { role: 'officer' },
      answers: { 'a-b': 3, 'c-d': 'dont-know', 'e-f': null, 'g-h': 'Agree' }, notes: { synergy: "It's fine" },
    });
  });
  it.each([
    ['a flow map', 'answers: {a: 1}\n'], ['a sequence', 'roles:\n  - officer\n'], ['an anchor', 'a: &x 1\n'], ['an alias', 'b: *x\n'],
    ['a tag', 'a: !!str 1\n'], ['a block scalar', 'note: |\n  text\n'], ['a multi-line plain value', 'note: one\n  two\n'],
    ['a duplicate key', 'a: 1\na: 2\n'], ['a tab indent', 'a:\n\tb: 1\n'], ['a colon in a value', 'a: b: c\n'], ['a hex number', 'a: 0x1F\n'],
    ['.inf', 'a: .inf\n'], ['a __proto__ key', '__proto__: 1\n'], ['a quoted key', '"a": 1\n'], ['a second document', 'a: 1\n---\nb: 2\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'], ['an escape YAML reads differently', 'a: "\\x41"\n'], ['a lone carriage return', 'a: 1\rb: 2\n'],
    ['a no-break space as indentation', 'a:\n\u00a0\u00a0b: 1\n'], ['a no-break space in a value', 'a: \u00a0b\n'], ['a key named as Object.prototype has', 'constructor: 1\n'],
  ])('gives up on %s', (_what, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });
  it('agrees with yaml on every corpus file, example, questionnaire and YAML test suite input', () => {
    const texts = [
      ...textsUnder(path.join(ROOT, 'test', 'corpus')), ...textsUnder(path.join(ROOT, 'examples')), ...textsUnder(path.join(ROOT, 'questionnaires')),
      ...textsUnder(path.join(ROOT, '..', 'shared', 'corpus', 'yaml-test-suite')),
    ];
    expect(texts.length).toBeGreaterThan(100);
    let accepted = 0;
    for (const text of texts) {
      agrees(text);
      if (parseSimpleYaml(text) !== undefined) accepted++;
    }
    expect(accepted).toBeGreaterThan(20);
  });
  it('agrees with yaml on generated block YAML', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b-c', 'organisation', 'null', 'True', 'x_1', '1', '__proto__', 'é'), fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/));
    const value = fc.oneof(
      fc.constantFrom('', '~', 'null', 'NULL', 'true', 'FALSE', 'yes', '1', '-1', '+3', '007', '1.5', '.5', '3.', '1e3', '-.inf', '0x10', '0o7', '12345678901234567890',
        '"q"', '"a\\"b"', "'it''s'", "'a'b'", '"\\u00e9"', '"\\t"', '"tab\there"', 'a # c', 'a#b', 'x: y', 'http://x', '-x', '- x', '[1]', '{}', '&a 1', '*a', '!t x', '|', '>', '@x', '`x`', '%x', 'é ü', '  spaced  ', '"unclosed', "'unclosed", '\u00a0x', 'x\u00a0', '\u3000'),
      fc.string({ maxLength: 8 }),
    );
    const line = fc.tuple(fc.constantFrom('', '  ', '    ', ' ', '\t', '\u00a0', ' \u00a0', '\u3000'), key, fc.constantFrom(':', ': ', ':  ', ' :'), value, fc.constantFrom('', ' # note', '  #x', '\r'));
    const doc = fc.array(fc.oneof(line.map(([i, k, c, v, t]) => `${i}${k}${c}${v}${t}`), fc.constantFrom('', '# c', '  # c', '---', '...')), { maxLength: 12 })
      .map((lines) => lines.join('\n') + '\n');
    fc.assert(fc.property(doc, agrees), { numRuns: 5000 });
  });
});
