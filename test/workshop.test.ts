// The workshop command: the golden report for examples/workshop, officer and community files
// together, refusals, broken files, privacy (names, small groups), escaping and the JSON keys.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkshop, type WorkshopOptions } from '../src/commands/workshop.js';
import type { GlobalOptions } from '../src/commands/context.js';
import { UsageError } from '../src/load/diagnostics.js';
import { captureIo, cli, FIXTURES, ROOT, tempDir } from './helpers.js';

const EXAMPLES = path.join(ROOT, 'examples', 'workshop');
const NAMES = ['Helen Okafor', 'Sam Patel', 'Dev Sharma', 'Margaret Lowe'];

function workshop(inputs: string[], options: WorkshopOptions = {}, globals: GlobalOptions = {}) {
  const io = captureIo();
  const code = runWorkshop(inputs, options, globals, io);
  return { code, out: io.out, err: io.err };
}
const json = (inputs: string[], options: WorkshopOptions = {}, globals: GlobalOptions = {}) => {
  const r = workshop(inputs, { ...options, json: true }, globals);
  return { ...r, o: JSON.parse(r.out) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/** An answers file for the officers' questionnaire: the same answer to every question, or given ones. */
function officerFile(dir: string, name: string, fields: { role?: string; organisation?: string; answer?: number | string; person?: string } = {}): string {
  const file = path.join(dir, name);
  const text = readFileSync(path.join(EXAMPLES, 'staff-3.answers.yaml'), 'utf8')
    .replace(/^organisation: .*$/m, `organisation: ${JSON.stringify(fields.organisation ?? 'Test Council')}`)
    .replace(/^ {2}role: .*$/m, `  role: ${JSON.stringify(fields.role ?? 'officer')}${fields.person ? `\n  name: ${JSON.stringify(fields.person)}` : ''}`)
    .replace(/^( {2}[a-z]+-[a-z-]+): .*$/gm, (line, key: string) => (fields.answer === undefined ? line : `${key}: ${fields.answer}`));
  writeFileSync(file, text);
  return file;
}

describe('the example workshop', () => {
  it('has at least ten people in at least two roles, on both questionnaires', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.answers.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const { o } = json([EXAMPLES]);
    expect(o.respondents).toBe(files.length);
    expect(o.participants.length).toBeGreaterThanOrEqual(2);
    expect(o.questionnaires.map((q: { id: string }) => q.id)).toEqual(['ostrom-four-conditions', 'ostrom-four-conditions-community']);
  });
  it('gives the committed report (regenerate: ostrom-ready workshop examples/workshop/ -o examples/workshop/workshop.report.md --force)', () => {
    const r = workshop([EXAMPLES]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(path.join(EXAMPLES, 'workshop.report.md'), 'utf8'));
  });
  it('has the sections of the group report in order', () => {
    const md = workshop([EXAMPLES]).out;
    const top = md.split('\n').filter((l) => /^#{1,2} /.test(l)).map((l) => l.replace(/:.*/, ''));
    expect(top).toEqual(['# Workshop report', '## Who took part', '## Group scores', '## Perspectives by role', '## Things to discuss', '## Barriers', "## The group's action plan", '## Facilitation prompts', '## A note on evidence', '## Appendix']);
  });
  it('matches roles after trimming and case-folding ("Manager", "front-line ")', () => {
    const { o } = json([EXAMPLES]);
    expect(o.participants).toEqual([{ role: 'resident', n: 6 }, { role: 'front-line', n: 4 }, { role: 'manager', n: 2 }, { role: 'officer', n: 2 }]);
  });
  it('pools managers and officers as "other roles" and says so; flags the staff-resident gap on commitment', () => {
    const { o } = json([EXAMPLES]);
    expect(o.roles.map((r: { role: string; n: number }) => [r.role, r.n])).toEqual([['resident', 6], ['front-line', 4], ['other roles', 4]]);
    expect(o.roles[2].includes).toEqual(['manager', 'officer']);
    const commitment = o.gaps.find((g: { condition: string }) => g.condition === 'commitment');
    expect(commitment).toMatchObject({ highest: 'other roles', lowest: 'resident', flagged: true });
    expect(commitment.gap).toBeGreaterThanOrEqual(20);
    const md = workshop([EXAMPLES]).out;
    expect(md).toContain('Roles with fewer than 3 people (manager and officer) are pooled as *other roles*');
    expect(md).toMatch(/\| Build a credible commitment between front-line professionals and communities \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \*\*[\d.]+\*\* ⚠ \|/);
  });
  it('compares roles on the questions the community questionnaire also asks; officer-only questions are asked of the 8 staff', () => {
    const { o } = json([EXAMPLES]);
    expect(o.sharedQuestions).toHaveLength(28);
    expect(o.sharedQuestions).not.toContain('synergy-pooled-budgets');
    const pooled = o.questions.find((q: { question: string }) => q.question === 'synergy-pooled-budgets');
    expect([pooled.asked, pooled.n, pooled.dontKnow]).toEqual([8, 4, 4]);
    expect(o.questions.find((q: { question: string }) => q.question === 'commitment-two-way').asked).toBe(14);
  });
  it('draws facilitation prompts from the questionnaire\'s dialogue actions, with the residents\' wording', () => {
    const md = workshop([EXAMPLES]).out;
    const prompts = md.slice(md.indexOf('## Facilitation prompts'), md.indexOf('## A note on evidence'));
    expect(prompts).toContain("### Listen to people's stories in a structured way");
    expect(prompts).toContain('The Structured Dialogue Method');
    expect(prompts).toContain('In the words of *How well do local services work with us?*: "The council listens to us as well as telling us things."');
  });
});

describe('JSON (formats.md, "A group")', () => {
  it('has every key of the contract, and numbers rounded to one decimal place', () => {
    const { o, code } = json([EXAMPLES]);
    expect(code).toBe(0);
    for (const key of ['generator', 'questionnaire', 'respondents', 'invalid', 'overall', 'conditions', 'discuss', 'questions', 'roles', 'gaps', 'barriers', 'actions']) expect(o).toHaveProperty(key);
    expect(o.generator).toMatch(/^ostrom-ready \d/);
    expect(o.questionnaire).toEqual({ id: 'ostrom-four-conditions', version: 1 });
    expect(Object.keys(o.conditions[0])).toEqual(expect.arrayContaining(['id', 'score', 'band', 'n', 'lowest', 'highest']));
    expect(Object.keys(o.discuss[0])).toEqual(expect.arrayContaining(['question', 'n', 'dontKnow', 'median', 'mean', 'ad', 'agrees', 'split', 'distribution']));
    expect(Object.keys(o.discuss[0].distribution)).toEqual(['0', '1', '2', '3', '4']);
    expect(Object.keys(o.roles[0])).toEqual(expect.arrayContaining(['role', 'n', 'conditions']));
    expect(Object.keys(o.gaps[0])).toEqual(expect.arrayContaining(['condition', 'gap', 'highest', 'lowest', 'flagged']));
    expect(Object.keys(o.barriers[0])).toEqual(expect.arrayContaining(['id', 'present']));
    expect(o.discuss.length).toBeLessThanOrEqual(10);
    const numbers: number[] = [];
    const walk = (x: unknown) => { if (typeof x === 'number') numbers.push(x); else if (x && typeof x === 'object') Object.values(x).forEach(walk); };
    walk(o);
    expect(numbers.filter((n) => Math.round(n * 10) / 10 !== n)).toEqual([]);
    expect(numbers.length).toBeGreaterThan(100);
  });
});

describe('inputs', () => {
  it('refuses a mix of unrelated questionnaires (exit 2), naming both', () => {
    const dir = tempDir();
    const mini = path.join(dir, 'mini.yaml');
    writeFileSync(mini, 'questionnaire: mini\nversion: 1\norganisation: T\nanswers: { alpha-one: 3 }\n');
    const globals = { questionnaires: FIXTURES };
    expect(() => workshop([mini, path.join(EXAMPLES, 'staff-1.answers.yaml')], {}, globals)).toThrow(UsageError);
    const r = cli(['--questionnaires', FIXTURES, 'workshop', mini, path.join(EXAMPLES, 'staff-1.answers.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/do not go together: mini version 1 \(.*mini\.yaml\); ostrom-four-conditions version 1 \(/);
    expect(r.out).toBe('');
  });
  it('refuses two versions of one questionnaire', () => {
    const dir = tempDir();
    const qs = path.join(dir, 'qs');
    mkdirSync(qs);
    writeFileSync(path.join(qs, 'mini-v2.yaml'), readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8').replace('version: 1', 'version: 2'));
    copyFileSync(path.join(FIXTURES, 'mini.yaml'), path.join(qs, 'mini.yaml'));
    const one = path.join(dir, 'one.yaml');
    const two = path.join(dir, 'two.yaml');
    writeFileSync(one, 'questionnaire: mini\nversion: 1\norganisation: T\n');
    writeFileSync(two, 'questionnaire: mini\nversion: 2\norganisation: T\n');
    expect(() => workshop([one, two], {}, { questionnaires: qs })).toThrow(/different versions of the same questionnaire.*use compare/);
  });
  it('reports broken files as FILE:LINE:COLUMN, lists them in "invalid", and uses the valid ones (exit 1)', () => {
    const dir = tempDir();
    for (let i = 1; i <= 3; i++) officerFile(dir, `p${i}.yaml`);
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: T\nanswers:\n  commitment-two-wya: 3\n');
    const md = workshop([dir]);
    expect(md.code).toBe(1);
    expect(md.err).toContain(`${broken}:5:3: error: unknown question id "commitment-two-wya"`);
    expect(md.out).toContain('- **People who took part:** 3');
    expect(md.out).toContain('**1 answers file was left out**');
    const { o, code } = json([dir]);
    expect(code).toBe(1);
    expect(o.respondents).toBe(3);
    expect(o.invalid).toEqual([{ file: broken, error: { message: expect.stringContaining('commitment-two-wya'), line: 5, column: 3 } }]);
  });
  it('exits 1 with no output when no file can be used, and 2 for a bad --min-group', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.yaml'), 'questionnaire: nope\nversion: 1\norganisation: T\n');
    const r = workshop([dir]);
    expect([r.code, r.out]).toEqual([1, '']);
    expect(r.err).toContain('no group to report on');
    expect(() => workshop([EXAMPLES], { minGroup: 'two' })).toThrow(/--min-group must be a whole number/);
    expect(() => workshop([EXAMPLES], { minGroup: '0' })).toThrow(UsageError);
    expect(cli(['workshop', '--min-group', 'x', EXAMPLES]).code).toBe(2);
  });
  it('writes -o atomically, refuses to overwrite without --force', () => {
    const dir = tempDir();
    const out = path.join(dir, 'w.md');
    expect(cli(['workshop', EXAMPLES, '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(EXAMPLES, 'workshop.report.md'), 'utf8'));
    writeFileSync(out, 'keep me');
    const again = cli(['workshop', EXAMPLES, '-o', out]);
    expect(again.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(cli(['workshop', EXAMPLES, '-o', out, '--force']).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['w.md']);
  });
  it('--chart writes an SVG beside the report and links it; only the groups the report shows', () => {
    const dir = tempDir();
    const out = path.join(dir, 'w.md');
    expect(() => workshop([EXAMPLES], { chart: true })).toThrow(/--chart needs -o/);
    const r = workshop([EXAMPLES], { output: out, chart: true });
    expect(r.err).toContain(`Wrote ${out} and ${path.join(dir, 'w.svg')}`);
    expect(readFileSync(out, 'utf8')).toContain('](w.svg)');
    const svg = readFileSync(path.join(dir, 'w.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('<title id="chart-title">Workshop report: Eastbrook Borough Council</title>');
    for (const label of ['Everyone (14): ', 'resident (6): ', 'front-line (4): ', 'other roles (4): ']) expect(svg).toContain(label);
    expect(svg).not.toMatch(/manager|officer \(/);
    // The chart is refused with the report, and neither is touched.
    writeFileSync(out, 'keep');
    expect(() => workshop([EXAMPLES], { output: out, chart: true })).toThrow(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('keep');
  });
  it('has --help with an example', () => {
    const r = cli(['workshop', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Examples?:\n {2}\$ ostrom-ready workshop /);
  });
});

describe('privacy', () => {
  it('shows no name without --named, in Markdown or JSON; with --named, lists them', () => {
    const md = workshop([EXAMPLES]).out;
    const plain = JSON.stringify(json([EXAMPLES]).o);
    for (const name of NAMES) {
      expect(md).not.toContain(name);
      expect(plain).not.toContain(name);
    }
    const named = workshop([EXAMPLES], { named: true }).out;
    expect(named).toMatch(/\| manager \| 2 \| Helen Okafor \|/);
    expect(JSON.stringify(json([EXAMPLES], { named: true }).o.participants)).toContain('Margaret Lowe');
  });
  it('never shows a group of fewer than --min-group: one manager among officers is pooled, and a shown group joins', () => {
    const dir = tempDir();
    for (let i = 1; i <= 4; i++) officerFile(dir, `o${i}.yaml`, { answer: 3 });
    officerFile(dir, 'm.yaml', { role: 'manager', answer: 0 });
    const { o } = json([dir]);
    expect(o.roles.map((r: { role: string; n: number }) => [r.role, r.n])).toEqual([['other roles', 5]]);
    expect(o.gaps).toEqual([]);
    const md = workshop([dir]).out;
    expect(md).toContain('Roles with fewer than 3 people (manager) are pooled as *other roles*');
    expect(md).toContain('officer joins them so that the pool reaches 3');
    expect(md).not.toMatch(/\| manager \(1\) \|/);
    // With --min-group 5 the two small roles pool to exactly five; with 6, no one's figures are shown.
    expect(json([dir], { minGroup: 5 }).o.roles.map((r: { role: string; n: number }) => [r.role, r.n])).toEqual([['other roles', 5]]);
    const six = json([dir], { minGroup: 6 }).o;
    // No role group can be shown; the whole group's score is still given.
    expect(six.roles).toEqual([]);
    expect(six.conditions[0].score).toBe(json([dir]).o.conditions[0].score);
  });
  it('fewer people than --min-group: the group\'s own figures, but no role groups', () => {
    const dir = tempDir();
    officerFile(dir, 'a.yaml', { answer: 4 });
    officerFile(dir, 'b.yaml', { answer: 0 });
    const r = workshop([dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('so views are not shown by role');
    const { o } = json([dir]);
    expect([o.roles, o.gaps, o.discuss]).toEqual([[], [], []]);
    expect(o.overall.score).not.toBeNull();
    expect(o.questions[0].n).toBe(2);
    expect(o.questions[0].ad).toBeNull();
  });
});

describe('escaping', () => {
  it('keeps the report\'s structure whatever the roles, organisations and title say', () => {
    const blns = JSON.parse(readFileSync(path.join(ROOT, '..', 'shared', 'corpus', 'naughty-strings', 'blns.json'), 'utf8')) as string[];
    // Distinct roles after trimming and case-folding, so that each makes its own group of three.
    const candidates = ['# Heading | pipe `code` <script>alert(1)</script> [x](javascript:alert(1))', '- list', ...blns.filter((s) => /[|<>#*_`[\]]/.test(s))];
    const hostile = [...new Map(candidates.filter((s) => s.trim() !== '').map((s) => [s.trim().toLowerCase(), s])).values()].slice(0, 20);
    const dir = tempDir();
    const plainDir = tempDir();
    hostile.forEach((s, i) => {
      for (let k = 0; k < 3; k++) {
        officerFile(dir, `h${i}-${k}.yaml`, { role: s, organisation: s, answer: (i + k) % 5 });
        officerFile(plainDir, `h${i}-${k}.yaml`, { role: `role ${i}`, organisation: `Org ${i}`, answer: (i + k) % 5 });
      }
    });
    const md = workshop([dir], { title: hostile[0], named: true }).out;
    const plain = workshop([plainDir], { title: 'Plain', named: true }).out;
    const headings = (s: string) => s.split('\n').filter((l) => /^#{1,6} /.test(l)).length;
    const cells = (s: string) => s.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split(/(?<!\\)\|/).length);
    expect(headings(md)).toBe(headings(plain));
    expect(cells(md)).toEqual(cells(plain));
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
  });
});

describe('the example files stay valid', () => {
  it('every example answers file loads', () => {
    const r = cli(['validate', EXAMPLES]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(EXAMPLES, 'workshop.report.md'))).toBe(true);
  });
});
