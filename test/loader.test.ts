// Loader diagnostics: exact FILE:LINE:COLUMN for broken answers and questionnaire files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../src/load/answers.js';
import { formatDiagnostic } from '../src/load/diagnostics.js';
import { parseQuestionnaire } from '../src/load/questionnaire.js';
import { readBundledCache, writeBundledCache } from '../src/load/bundled-cache.js';
import { loadRegistry } from '../src/load/registry.js';
import { BUNDLED_QUESTIONNAIRES } from '../src/paths.js';
import { FIXTURES, fixtureRegistry, tempDir } from './helpers.js';

const registry = fixtureRegistry();
const HEAD = 'questionnaire: mini\nversion: 1\norganisation: Test Council\n';

function answerProblems(text: string): string[] {
  const r = parseAnswers('a.yaml', text, registry);
  return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
}

describe('answers files: where each problem is', () => {
  const cases: [string, string, string][] = [
    ['an unknown top-level key, with a suggestion', 'questionnaire: mini\nversion: 1\norganisation: X\norganization: Y\n', 'a.yaml:4:1: error: unknown key "organization"; did you mean "organisation"?'],
    ['an unknown question id, with a suggestion', `${HEAD}answers:\n  alpha-one: 3\n  alpha-onee: 2\n`, 'a.yaml:6:3: error: unknown question id "alpha-onee" for mini version 1; did you mean "alpha-one"?'],
    ['a value off the scale, listing the allowed values', `${HEAD}answers:\n  alpha-one: 7\n`, 'a.yaml:5:14: error: answer to "alpha-one": 7 is not on the scale; allowed: 0 (Strongly disagree), 1 (Disagree), 2 (Neither agree nor disagree), 3 (Agree), 4 (Strongly agree), or dont-know'],
    ['a float', `${HEAD}answers:\n  beta-two:   2.5\n`, 'a.yaml:5:15: error: answer to "beta-two": 2.5 is not on the scale; allowed: 0 (Strongly disagree), 1 (Disagree), 2 (Neither agree nor disagree), 3 (Agree), 4 (Strongly agree), or dont-know'],
    ['a misspelt label', `${HEAD}answers:\n  alpha-one: Agre\n`, 'a.yaml:5:14: error: answer to "alpha-one": "Agre" is not on the scale (did you mean "Agree"?); allowed: 0 (Strongly disagree), 1 (Disagree), 2 (Neither agree nor disagree), 3 (Agree), 4 (Strongly agree), or dont-know'],
    ['a tab used for indentation', `${HEAD}answers:\n\talpha-one: 3\n`, 'a.yaml:5:1: error: a tab is used for indentation; YAML needs spaces'],
    ['a duplicate key', `${HEAD}answers:\n  alpha-one: 3\n  alpha-one: 2\n`, 'a.yaml:6:3: error: this key appears twice in the same map; keep one'],
    ['an empty file', '', 'a.yaml:1:1: error: the file is empty; an answers file needs questionnaire, version, organisation'],
    ['a list instead of a map', '# answers\n- a\n- b\n', 'a.yaml:2:1: error: an answers file should be a map of keys (questionnaire: ..., version: ..., organisation: ...), not a list'],
    ['missing required keys', '# hand-written\nquestionnaire: mini\n', 'a.yaml:2:1: error: missing required keys: version, organisation'],
    ['an unknown questionnaire', 'questionnaire: minii\nversion: 1\norganisation: X\n', 'a.yaml:1:16: error: no questionnaire "minii" is available (did you mean "mini"?); available: mini (version 1)'],
    ['an unknown version', 'questionnaire: mini\nversion: 3\norganisation: X\n', 'a.yaml:2:10: error: questionnaire "mini" has no version 3; available versions: 1'],
    ['a note for an unknown id', `${HEAD}notes:\n  alpah: hi\n`, 'a.yaml:5:3: error: a note for "alpah", which is neither a question id nor a condition id; did you mean "alpha"?'],
    ['an impossible date', `${HEAD}date: 2026-02-30\n`, 'a.yaml:4:7: error: "date" is not a real calendar date'],
    ['a list where a map belongs', `${HEAD}respondent: [a]\n`, 'a.yaml:4:13: error: "respondent" should be a map of keys and values, not a list'],
    ['a __proto__ key', `${HEAD}__proto__: {a: 1}\n`, 'a.yaml:4:1: error: unknown key "__proto__"'],
    ['an answer indented with no-break spaces (from Word)', `${HEAD}answers:\n\u00a0\u00a0alpha-one: 3\n`,
      'a.yaml:5:1: error: unknown key "\u00a0\u00a0alpha-one": it starts with a no-break space (U+00A0), which YAML reads as part of the key; indent with ordinary spaces'],
    ['a quote never closed, at the end of the file: its opening quote', `${HEAD}notes:\n  alpha: "We said [a\n  and more\n`, 'a.yaml:5:10: error: this " starts a quoted text that is never closed; put a matching " at its end'],
    ["a single quote never closed, with '' inside", "questionnaire: mini\nversion: 1\norganisation: 'Anytown''s council\n", "a.yaml:3:15: error: this ' starts a quoted text that is never closed; put a matching ' at its end"],
    ['a [ never closed at the end of the file', `${HEAD}answers:\n  alpha-one: [1, 2\n`, 'a.yaml:5:14: error: this [ is never closed; end the list with ]'],
    ['a { never closed at the end of the file', `${HEAD}respondent: {role: officer, name: [a]\n`, 'a.yaml:4:13: error: this { is never closed; end the map with }'],
    ['an alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [' + Array(120).fill('*c').join(',') + ']\n', 'a.yaml:2:8: error: too many aliases: the file expands beyond what an answers or questionnaire file needs'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(answerProblems(text)[0]).toBe(expected);
  });

  it('says so in one line when a questionnaire is given as answers', () => {
    const problems = answerProblems(readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8'));
    expect(problems).toEqual(['a.yaml:2:1: error: this is a questionnaire file, not an answers file; to use it, name it with -q: ostrom-ready -q a.yaml report ANSWERS_FILE']);
  });

  it('reports one line per problem, in file order', () => {
    const problems = answerProblems(`${HEAD}answers:\n  alpha-one: 9\n  beta-won: 2\n  beta-two: maybe\n`);
    expect(problems.map((p) => p.split(': error')[0])).toEqual(['a.yaml:5:14', 'a.yaml:6:3', 'a.yaml:7:13']);
  });

  it('keeps positions with a byte-order mark and CRLF line endings', () => {
    const dir = tempDir();
    const file = path.join(dir, 'crlf.yaml');
    writeFileSync(file, `\uFEFF${HEAD}answers:\n  alpha-one: 9\n`.replace(/\n/g, '\r\n'));
    const r = parseAnswers(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), registry);
    expect(r.ok ? '' : formatDiagnostic(r.diagnostics[0]!)).toBe(`${file}:5:14: error: answer to "alpha-one": 9 is not on the scale; allowed: 0 (Strongly disagree), 1 (Disagree), 2 (Neither agree nor disagree), 3 (Agree), 4 (Strongly agree), or dont-know`);
  });
});

describe('answers files: what is accepted', () => {
  it('takes labels, don\'t know in its spellings, numbers as strings, and null', () => {
    const r = parseAnswers('a.yaml', `${HEAD}answers:\n  alpha-one: " agree "\n  alpha-two: Don't know\n  alpha-three: "3"\n  alpha-four: dont-know\n  beta-one: DON'T KNOW\n  beta-two: null\n  beta-three: Strongly Disagree\n`, registry);
    expect(r.ok && r.value.answers.answers).toEqual({
      'alpha-one': 3, 'alpha-two': 'dont-know', 'alpha-three': 3, 'alpha-four': 'dont-know',
      'beta-one': 'dont-know', 'beta-two': null, 'beta-three': 0, 'beta-four': null,
    });
  });
  it('accepts a file with no answers at all', () => {
    const r = parseAnswers('a.yaml', HEAD, registry);
    expect(r.ok && Object.values(r.value.answers.answers).every((v) => v === null)).toBe(true);
  });
  it('keeps organisation names exactly as written, even ones YAML reads as numbers', () => {
    const r = parseAnswers('a.yaml', 'questionnaire: mini\nversion: 1\norganisation: 1066\nscope: "  North  "\n', registry);
    expect(r.ok && [r.value.answers.organisation, r.value.answers.scope]).toEqual(['1066', '  North  ']);
  });
});

describe('questionnaire files', () => {
  const mini = readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8');
  const problems = (text: string) => {
    const r = parseQuestionnaire('q.yaml', text);
    return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
  };
  const lineOf = (needle: string) => mini.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const colOf = (needle: string, within: string) => mini.split('\n')[lineOf(within) - 1]!.indexOf(needle) + 1;

  it('loads the fixture', () => {
    expect(problems(mini)).toEqual([]);
  });
  it('points at a dangling signal with a suggestion', () => {
    const text = mini.replace('signals: [beta-two, beta-three]', 'signals: [beta-two, beta-thre]');
    expect(problems(text)).toEqual([`q.yaml:${lineOf('signals: [beta-two')}:${colOf('beta-three', 'signals: [beta-two') }: error: question "beta-thre" is not defined in this questionnaire; did you mean "beta-three"?`]);
  });
  it('points at a dangling action and reference', () => {
    const text = mini.replace('actions: [act-four, act-two]', 'actions: [act-five, act-two]').replace('sources: [ref-a]', 'sources: [ref-b]');
    expect(problems(text)).toEqual([
      `q.yaml:${lineOf('actions: [act-four, act-two]')}:${colOf('act-four', 'actions: [act-four, act-two]')}: error: action "act-five" is not defined in this questionnaire`,
      `q.yaml:${lineOf('id: act-one')}:${colOf('ref-a', 'id: act-one')}: error: reference "ref-b" is not defined in this questionnaire; did you mean "ref-a"?`,
    ]);
  });
  it('finds a duplicate question id across conditions', () => {
    const text = mini.replace('{ id: beta-four, text', '{ id: alpha-one, text');
    expect(problems(text)).toEqual([
      `q.yaml:${lineOf('id: beta-four')}:${colOf('beta-four', 'id: beta-four')}: error: duplicate question id "alpha-one" (first used at line ${lineOf('id: alpha-one')})`,
      // The risk that listed beta-four now names a question that is gone.
      `q.yaml:${lineOf('signals: [alpha-four, beta-four]')}:${colOf('beta-four', 'signals: [alpha-four, beta-four]')}: error: question "beta-four" is not defined in this questionnaire; did you mean "beta-one"?`,
    ]);
  });
  it('finds bands out of order', () => {
    const text = mini.replace('{ min: 70, label: Transformation', '{ min: 30, label: Transformation');
    expect(problems(text)).toEqual([`q.yaml:${lineOf('label: Transformation')}:${colOf('70', 'label: Transformation')}: error: bands must be ascending by min: 30 comes after 40`]);
  });
  it('finds an empty condition', () => {
    const text = mini.replace(/    questions:\n      - \{ id: beta-one[^\n]*\n      - [^\n]*\n      - [^\n]*\n      - [^\n]*\n/, '    questions: []\n');
    expect(problems(text)[0]).toMatch(/^q\.yaml:\d+:\d+: error: "conditions\[1\]\.questions" needs at least 1 item\(s\)$/);
    expect(problems(text)[0]).toContain(`q.yaml:${lineOf('    actions: [act-three]') + 1}:16:`);
  });
  it('finds scale values out of order and a band not starting at 0', () => {
    const text = mini.replace('{ value: 1, label: Disagree }', '{ value: 0, label: Disagree }').replace('{ min: 0, label: Description', '{ min: 10, label: Description');
    expect(problems(text).map((p) => p.split(': error: ')[1])).toEqual(['scale values must be ascending and distinct: 0 comes after 0', 'the first band must start at 0, not 10']);
  });
  it('names an unknown key and a non-kebab id', () => {
    const text = mini.replace('audience: Tests', 'audiance: Tests').replace('{ id: alpha-four,', '{ id: Alpha_Four,');
    expect(problems(text)).toEqual([
      `q.yaml:${lineOf('audience: Tests')}:1: error: missing required key "audience"`.replace(`:${lineOf('audience: Tests')}:1:`, ':2:1:'),
      `q.yaml:${lineOf('audience: Tests')}:1: error: unknown key "audiance"; did you mean "audience"?`,
      `q.yaml:${lineOf('id: alpha-four')}:${colOf('alpha-four', 'id: alpha-four')}: error: "conditions[0].questions[3].id" must be kebab-case (lower-case letters, digits and single hyphens), as a question id is`,
    ]);
  });
});

describe('the registry', () => {
  const lineOf = (needle: string) => readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
  it('refuses two files with the same id and version, naming both', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'copy.yaml'), readFileSync(path.join(FIXTURES, 'mini.yaml')));
    const r = loadRegistry({ bundledDir: FIXTURES, questionnairesDir: dir });
    expect(r.problems.map(formatDiagnostic)).toEqual([`${path.join(dir, 'copy.yaml')}:${lineOf('id: mini')}:5: error: questionnaire "mini" version 1 is also defined in ${path.join(FIXTURES, 'mini.yaml')}; give one a new version or id`]);
  });
  it('finds every released version by id and version', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'mini.v2.yaml'), readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8').replace('version: 1', 'version: 2'));
    const r = loadRegistry({ bundledDir: FIXTURES, questionnairesDir: dir });
    expect(r.find('mini', 1)?.questionnaire.version).toBe(1);
    expect(r.find('mini', 2)?.questionnaire.version).toBe(2);
    expect(r.latest('mini')?.questionnaire.version).toBe(2);
  });
});

describe('the bundled questionnaires cache', () => {
  it('is used for a file byte for byte as cached, and not once the file changes', () => {
    const dir = tempDir();
    const file = path.join(dir, 'mini.yaml');
    const text = readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8');
    writeFileSync(file, text);
    const loaded = loadRegistry({ bundledDir: dir, useCache: false });
    const cacheFile = path.join(dir, 'cache.json');
    expect(writeBundledCache(loaded.entries, cacheFile)).toBe(1);

    const [hit] = readBundledCache([file], cacheFile);
    expect(hit?.questionnaire).toEqual(loaded.entries[0]!.questionnaire);
    // Any change, however small, and the file is read again.
    for (const edited of [text.replace('version: 1', 'version: 2'), `${text} `, Buffer.concat([Buffer.from(text), Buffer.from([0xff])])]) {
      writeFileSync(file, edited);
      expect(readBundledCache([file], cacheFile)).toEqual([null]);
    }
    // A cache that is missing, or in the earlier format (a hash, no copy), is no cache.
    expect(readBundledCache([file], path.join(dir, 'none.json'))).toEqual([null]);
    writeFileSync(file, text);
    writeFileSync(cacheFile, JSON.stringify([{ name: 'mini.yaml', hash: '1:abc', questionnaire: loaded.entries[0]!.questionnaire }]));
    expect(readBundledCache([file], cacheFile)).toEqual([null]);
  });

  it('is what the build wrote for every bundled questionnaire (npm test builds first)', () => {
    const files = readdirSync(BUNDLED_QUESTIONNAIRES).filter((f) => f.endsWith('.yaml')).map((f) => path.join(BUNDLED_QUESTIONNAIRES, f));
    expect(files.length).toBeGreaterThan(0);
    const cached = readBundledCache(files);
    expect(cached.map((c, i) => (c ? 'cached' : `not cached: ${files[i]}`))).toEqual(files.map(() => 'cached'));
  });
});
