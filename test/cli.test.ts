// The built CLI as users run it: exit codes, where output goes, and no stack traces.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, FIXTURES, ROOT, tempDir } from './helpers.js';

const EXAMPLE = path.join(ROOT, 'examples', 'riverside-middle.answers.yaml');
const MINI = path.join(FIXTURES, 'mini.yaml');

describe('help and usage', () => {
  it('prints help and version', () => {
    expect(cli(['--help']).out).toContain('Usage: ostrom-ready');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cli(['--version']).out.trim()).toBe(pkg.version);
  });
  it.each(['assess', 'report', 'score', 'workshop', 'compare', 'template', 'import', 'validate', 'questionnaires', 'schema'])('%s --help has an example', (command) => {
    const r = cli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Examples?:\n {2}\$ ostrom-ready /);
  });
  it('exits 2 on an unknown option or command', () => {
    expect(cli(['report', '--bogus', EXAMPLE]).code).toBe(2);
    const r = cli(['reprot', EXAMPLE]);
    expect([r.code, r.err]).toEqual([2, "ostrom-ready: error: unknown command 'reprot' (did you mean 'report'?); see ostrom-ready --help\n"]);
  });
  it('exits 2 for a path that does not exist, and for an empty folder', () => {
    const dir = tempDir();
    expect(cli(['report', path.join(dir, 'nope.yaml')]).code).toBe(2);
    const r = cli(['score', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('the folder has no answers files');
  });
  it('exits 2 when -q names a questionnaire that cannot be loaded', () => {
    expect(cli(['-q', 'no-such-questionnaire', 'questionnaires']).code).toBe(2);
    const dir = tempDir();
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(MINI, 'utf8').replace('version: 1', 'version: one'));
    const r = cli(['-q', broken, 'questionnaires']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${broken}:3:10: error: "version" should be a number, not text`);
  });
});

describe('pipes', () => {
  it('stops quietly when the reader goes away (score --json | head)', async () => {
    const child = spawn(process.execPath, [BIN, 'score', '--json', path.join(ROOT, 'examples'), path.join(ROOT, 'examples'), path.join(ROOT, 'examples')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});

describe('report', () => {
  it('writes Markdown to standard output, and JSON with --json', () => {
    const md = cli(['report', EXAMPLE]);
    expect(md.code).toBe(0);
    expect(md.out).toBe(readFileSync(path.join(ROOT, 'examples', 'riverside-middle.report.md'), 'utf8'));
    const json = JSON.parse(cli(['report', '--json', EXAMPLE]).out) as Record<string, unknown>;
    expect(json.organisation).toBe('Riverside District Council');
    expect(json).not.toHaveProperty('name');
  });
  it('writes a file, refuses to overwrite it without --force, and keeps it intact', () => {
    const dir = tempDir();
    const out = path.join(dir, 'r.md');
    expect(cli(['report', EXAMPLE, '-o', out]).code).toBe(0);
    writeFileSync(out, 'my edits');
    const again = cli(['report', EXAMPLE, '-o', out]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists; use --force');
    expect(readFileSync(out, 'utf8')).toBe('my edits');
    expect(cli(['report', EXAMPLE, '-o', out, '--force']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# Action report');
  });
  it('with --chart, refuses before writing either file, so no chart is left without its report', () => {
    const dir = tempDir();
    const out = path.join(dir, 'r.md');
    writeFileSync(out, 'my edits');
    const r = cli(['report', EXAMPLE, '-o', out, '--chart']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('r.md already exists; use --force');
    expect(readdirSync(dir)).toEqual(['r.md']);
    expect(readFileSync(out, 'utf8')).toBe('my edits');
  });
  it('says clearly when the output folder does not exist or is a file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'file'), '');
    const r = cli(['report', EXAMPLE, '-o', path.join(dir, 'file', 'r.md')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ostrom-ready: error: cannot write .*r\.md: .* not a folder/m);
  });
  it('exits 1 with FILE:LINE:COLUMN diagnostics for a broken file', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: X\nanswers:\n  synergy-pooled-budget: 3\n');
    const r = cli(['report', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(`${bad}:5:3: error: unknown question id "synergy-pooled-budget" for ostrom-four-conditions version 1; did you mean "synergy-pooled-budgets"?\n`);
  });
});

describe('score', () => {
  it('scores folders in path order, broken files reported and the rest still scored', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'b'));
    const example = readFileSync(EXAMPLE, 'utf8');
    writeFileSync(path.join(dir, 'b', 'one.yaml'), example.replace('Riverside District Council', 'One'));
    writeFileSync(path.join(dir, 'a.yml'), example.replace('Riverside District Council', 'Two'));
    writeFileSync(path.join(dir, 'b', 'broken.yaml'), 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: [\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not an answers file');
    const r = cli(['score', '--json', dir, EXAMPLE]);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { file: string; organisation?: string; error?: { line: number } });
    expect(lines.map((l) => path.basename(l.file))).toEqual(['a.yml', 'broken.yaml', 'one.yaml', 'riverside-middle.answers.yaml']);
    expect(lines.map((l) => l.organisation ?? null)).toEqual(['Two', null, 'One', 'Riverside District Council']);
    expect(lines[1]!.error?.line).toBe(3);
    expect(r.err).toMatch(/broken\.yaml:3:15: error: this \[ is never closed; end the list with \]/);
  });
  it('prints a readable table by default', () => {
    const r = cli(['score', path.join(ROOT, 'examples')]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^Organisation +Role +Overall +synergy +options +commitment +incentives +Weakest +Top barrier$/);
    expect(r.out).toMatch(/Riverside District Council +officer +53\.5 /);
  });
});

describe('validate and questionnaires', () => {
  it('validates the bundled questionnaires and the examples', () => {
    const r = cli(['validate', path.join(ROOT, 'questionnaires'), path.join(ROOT, 'examples')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ostrom-four-conditions.yaml: ok (questionnaire ostrom-four-conditions version 1');
  });
  it('exits 1 for an invalid questionnaire file', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'q.yaml');
    writeFileSync(bad, readFileSync(MINI, 'utf8').replace('id: mini', 'id: mini-copy').replace('signals: [beta-two, beta-three]', 'signals: [beta-two, beta-3]'));
    const r = cli(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/q\.yaml:\d+:\d+: error: question "beta-3" is not defined in this questionnaire/);
  });
  it('lists questionnaires as JSON', () => {
    const r = cli(['questionnaires', '--json']);
    const doc = JSON.parse(r.out) as { generator: string; questionnaires: { id: string; questions: number }[] };
    expect(doc.generator).toMatch(/^ostrom-ready \d/);
    expect(doc.questionnaires.map((q) => q.id)).toContain('ostrom-four-conditions');
  });
});

describe('contract details', () => {
  const mini = readFileSync(MINI, 'utf8');
  it('validates a file from a pipe, which can be read only once', () => {
    // Through a shell pipe, as a user would: spawnSync's own input is a socket, which /dev/stdin cannot open.
    const r = spawnSync('sh', ['-c', 'cat "$1" | "$2" "$3" validate /dev/stdin', 'sh', EXAMPLE, process.execPath, BIN], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('/dev/stdin: ok (answers for ostrom-four-conditions version 1, 37 of 37 questions answered)\n');
    expect(r.status).toBe(0);
  });
  it('validate checks paired questionnaires given together against each other', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.yaml'), mini.replace('id: mini', 'id: pair-a\npairedWith: pair-b'));
    writeFileSync(path.join(dir, 'b.yaml'), mini.replace('id: mini', 'id: pair-b\npairedWith: pair-a').replace('{ id: alpha-two, text: Alpha two., reverse: true }', '{ id: alpha-two, text: Alpha two. }'));
    const r = cli(['validate', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/b\.yaml:\d+:\d+: error: question "alpha-two" has reverse: false here but true in the paired questionnaire "pair-a"/);
  });
  it('-q with an id still loads an answers file for an earlier version of it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'mini.yaml'), mini);
    writeFileSync(path.join(dir, 'mini.v2.yaml'), mini.replace('version: 1', 'version: 2'));
    const answers = path.join(tempDir(), 'old.answers.yaml');
    writeFileSync(answers, 'questionnaire: mini\nversion: 1\norganisation: X\n');
    const r = cli(['--questionnaires', dir, '-q', 'mini', 'report', '--json', answers]);
    expect([r.code, (JSON.parse(r.out) as { questionnaire: unknown }).questionnaire]).toEqual([0, { id: 'mini', version: 1 }]);
  });
  it('report exits 1 when a questionnaire folder has a problem, and --json gives the error object', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'copy.yaml'), readFileSync(path.join(ROOT, 'questionnaires', 'ostrom-four-conditions.yaml')));
    expect(cli(['--questionnaires', dir, 'report', EXAMPLE]).code).toBe(1);
    const bad = path.join(dir, 'bad.answers.yml');
    writeFileSync(bad, 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: X\nanswers:\n  nope: 1\n');
    const r = cli(['report', '--json', bad]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ file: bad, error: { line: 5, column: 3 } });
  });
  it('compare exits 1 when a side has no valid answers file', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: X\nanswers:\n  nope: 1\n');
    const r = cli(['compare', bad, EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('has no valid answers file to compare');
  });
  it('score --reports makes its folder', () => {
    const dir = tempDir();
    const out = path.join(dir, 'new', 'reports');
    expect(cli(['score', EXAMPLE, '--reports', out]).code).toBe(0);
    expect(readFileSync(path.join(out, 'riverside-middle.report.md'), 'utf8')).toContain('Riverside District Council');
  });
});

