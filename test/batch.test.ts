// score as consultants use it: folders, CSV quoting, per-input reports without name
// collisions, the portfolio summary, and the same output with one worker or several.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { existingReports, firstLines, reportFileNames, runScore } from '../src/commands/score.js';
import { loadRegistry } from '../src/load/registry.js';
import { csvField } from '../src/render/csv.js';
import { resultLine, resultObject } from '../src/render/json.js';
import { DONT_KNOW } from '../src/schemas/answers.js';
import { assess } from '../src/score/score.js';
import { quantile, quartiles } from '../src/score/stats.js';
import { listInputs } from '../src/util/inputs.js';
import { answersFor, BIN, captureIo, cli, ROOT, tempDir } from './helpers.js';

const EXAMPLE = readFileSync(path.join(ROOT, 'examples', 'riverside-middle.answers.yaml'), 'utf8');
const withOrg = (name: string) => EXAMPLE.replace('organisation: Riverside District Council', `organisation: ${JSON.stringify(name)}`);

describe('CSV', () => {
  it('quotes commas, quotes and new lines', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });
  it('writes one row per input that a CSV reader gets back exactly, errors included', () => {
    const dir = tempDir();
    const tricky = 'Smith, Jones & "Partners"\nLtd';
    writeFileSync(path.join(dir, 'a.yaml'), withOrg(tricky));
    writeFileSync(path.join(dir, 'b.yaml'), 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: B\nanswers:\n  nope: 3\n');
    const csv = path.join(dir, 'out.csv');
    const r = cli(['score', dir, '--csv', csv]);
    expect(r.code).toBe(1);
    const rows = parseCsv(readFileSync(csv, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.organisation)).toEqual([tricky, '']);
    expect(Object.keys(rows[0]!)).toEqual(['file', 'organisation', 'scope', 'role', 'date', 'questionnaire', 'version', 'overall', 'band', 'synergy', 'options', 'commitment', 'incentives', 'weakest', 'present_barriers', 'error']);
    expect(rows[0]!.overall).toBe('53.5');
    expect(rows[1]!.error).toMatch(/^5:3: unknown question id "nope"/);
  });
});

describe('per-input reports', () => {
  it('names reports after the input files, keeping same-named files in different folders apart', () => {
    expect(reportFileNames(['c/north/anytown.yaml', 'c/south/anytown.yaml', 'c/riverside.answers.yml'])).toEqual(['north--anytown.report.md', 'south--anytown.report.md', 'riverside.report.md']);
    expect(reportFileNames(['x/a.yaml', 'x/a.yml'])).toEqual(['a.report.md', 'a-2.report.md']);
    expect(reportFileNames(['../../etc/passwd.yaml'])).toEqual(['passwd.report.md']);
  });
  it('writes them, and refuses to overwrite without --force', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'in', 'north'), { recursive: true });
    mkdirSync(path.join(dir, 'in', 'south'), { recursive: true });
    writeFileSync(path.join(dir, 'in', 'north', 'client.yaml'), withOrg('North'));
    writeFileSync(path.join(dir, 'in', 'south', 'client.yaml'), withOrg('South'));
    const out = path.join(dir, 'reports');
    mkdirSync(out);
    expect(cli(['score', path.join(dir, 'in'), '--reports', out]).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['north--client.report.md', 'south--client.report.md']);
    expect(readFileSync(path.join(out, 'south--client.report.md'), 'utf8')).toContain('# Action report: South');
    const again = cli(['score', path.join(dir, 'in'), '--reports', out]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('would be overwritten');
    // A file whose name differs only in case is the report on a disk that ignores case (then
    // it is refused), and another file on one that does not (then both are kept).
    const cased = path.join(dir, 'cased');
    mkdirSync(cased);
    writeFileSync(path.join(cased, 'North--Client.report.md'), 'mine');
    const ignoresCase = existsSync(path.join(cased, 'north--client.report.md'));
    const r = cli(['score', path.join(dir, 'in'), '--reports', cased]);
    if (ignoresCase) {
      expect(r.code).toBe(2);
      expect(r.err).toContain('1 report would be overwritten (north--client.report.md)');
    } else {
      expect(r.code).toBe(0);
      expect(readdirSync(cased).sort()).toEqual(['North--Client.report.md', 'north--client.report.md', 'south--client.report.md']);
    }
    expect(readFileSync(path.join(cased, 'North--Client.report.md'), 'utf8')).toBe('mine');
  });
  it('look each report up by name in a folder that can be written to but not listed', () => {
    const out = tempDir();
    writeFileSync(path.join(out, 'client.report.md'), 'mine');
    // As a folder of mode 0300 answers anyone but root (which lists any folder).
    const unlistable = () => { throw Object.assign(new Error('EACCES: permission denied, scandir'), { code: 'EACCES' }); };
    expect(existingReports(out, ['client.report.md', 'other.report.md'], unlistable)).toEqual(['client.report.md']);
    expect(existingReports(out, ['client.report.md', 'other.report.md'])).toEqual(['client.report.md']);
  });
});

describe('portfolio summary', () => {
  it('computes quartiles by linear interpolation', () => {
    // sorted 10, 20, 30, 40: h = 3p -> q1 = 10 + .75 * 10 = 17.5, median 25, q3 = 32.5
    expect(quartiles([40, null, 10, 30, 20])).toEqual({ n: 4, min: 10, q1: 17.5, median: 25, q3: 32.5, max: 40 });
    expect(quantile([5], 0.25)).toBe(5);
    expect(quartiles([null])).toBeNull();
  });
  it('places each input against the batch and counts barriers', () => {
    const dir = tempDir();
    const summary = path.join(dir, 'portfolio.md');
    const three = ['anytown-early', 'northfield-far-along', 'riverside-middle'].map((n) => path.join(ROOT, 'examples', `${n}.answers.yaml`));
    expect(cli(['score', ...three, '--summary', summary]).code).toBe(0);
    const md = readFileSync(summary, 'utf8');
    // Overall scores 26.7, 77.6, 53.5: median 53.5, quartiles 40.1 and 65.5 (interpolated).
    expect(md).toMatch(/\| \*\*Overall\*\* \| 26\.7 \| 40\.1 \| 53\.5 \| 65\.5 \| 77\.6 \| 3 \|/);
    expect(md).toMatch(/\| Anytown Borough Council \| manager \| 26\.7 \(Q1\) \|/);
    expect(md).toMatch(/\| Northfield Metropolitan Borough Council \| front-line \| 77\.6 \(Q4\) \|/);
    expect(md).toContain('(`fear-of-letting-go`) | 2 | 67% |');
  });
});

describe('workers', () => {
  it('give exactly the same output with one worker and with several', () => {
    const dir = tempDir();
    for (let i = 0; i < 150; i++) {
      const text = i % 37 === 5 ? 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: [broken\n' : withOrg(`Council ${i}`).replace(/commitment-two-way: 2/, `commitment-two-way: ${i % 5}`);
      writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.yaml`), text);
    }
    const one = cli(['score', '--json', '--jobs', '1', dir]);
    const several = cli(['score', '--json', '--jobs', '3', dir]);
    expect(one.code).toBe(1);
    expect(several.code).toBe(1);
    expect(several.out).toBe(one.out);
    expect(several.err).toBe(one.err);
    expect(one.out.trim().split('\n')).toHaveLength(150);
    const table1 = cli(['score', '--jobs', '1', dir]);
    expect(cli(['score', '--jobs', '2', dir]).out).toBe(table1.out);
    // Reports written by the main thread from workers' bytes are the same as one thread's.
    const reports1 = path.join(tempDir(), 'r');
    const reports3 = path.join(tempDir(), 'r');
    expect(cli(['score', '--json', '--jobs', '1', '--reports', reports1, dir]).out).toBe(one.out);
    expect(cli(['score', '--json', '--jobs', '3', '--reports', reports3, dir]).out).toBe(one.out);
    const names = readdirSync(reports1).sort();
    expect(names).toHaveLength(150 - 4); // the four broken inputs (5, 42, 79, 116) have none
    expect(readdirSync(reports3).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(path.join(reports3, name), 'utf8'), name).toBe(readFileSync(path.join(reports1, name), 'utf8'));
  });

  it("write the workers' JSON lines, as bytes, unchanged into a pipe that a slow reader keeps full", async () => {
    const dir = tempDir();
    for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.yaml`), withOrg(`Council ${i} ${'x'.repeat(i % 50)}`));
    const expected = cli(['score', '--json', '--jobs', '1', dir]).out; // some 640 KB: under spawnSync's 1 MiB limit
    expect(expected.trim().split('\n')).toHaveLength(200);
    const child = spawn(process.execPath, [BIN, 'score', '--json', '--jobs', '2', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Read slowly, so that the pipe is full most of the time and writes are queued.
    const pieces: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => {
      pieces.push(d);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 3);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(pieces.length).toBeGreaterThan(5);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(expected);
  });

  it("hand a worker's buffer back only once its JSON lines are written", async () => {
    const dir = tempDir();
    for (let i = 0; i < 400; i++) writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.yaml`), withOrg(`Council ${i}`));
    const one = captureIo();
    expect(await runScore([dir], { json: true, jobs: 1 }, {}, one)).toBe(0);
    // Writes that finish a little later, as into a full pipe: the bytes must still be there
    // then. A buffer handed back to its worker too soon is detached here (length 0).
    const io = captureIo();
    let writes = 0;
    let intact = 0;
    const utf8 = new TextDecoder();
    io.stdoutBytes = async (bytes) => {
      writes++;
      const text = utf8.decode(bytes);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (bytes.length > 0 && utf8.decode(bytes) === text) intact++;
      io.out += text;
    };
    expect(await runScore([dir], { json: true, jobs: 2 }, {}, io)).toBe(0);
    expect(writes).toBe(Math.ceil(400 / 64));
    expect(intact).toBe(writes);
    expect(io.out).toBe(one.out);
  });

  it('wait for standard output to drain after each chunk on one thread, so a pipe cannot back up into memory', async () => {
    const dir = tempDir();
    for (let i = 0; i < 130; i++) writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.yaml`), withOrg(`Council ${i}`));
    const io = captureIo();
    const events: string[] = [];
    const stdout = io.stdout;
    io.stdout = (text) => { events.push('write'); stdout(text); };
    io.drained = async () => {
      events.push('drain');
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    expect(await runScore([dir], { json: true, jobs: 1 }, {}, io)).toBe(0);
    expect(io.out.trim().split('\n')).toHaveLength(130);
    // Three chunks of up to 64 inputs: each chunk's lines are written, then drained.
    expect(events.filter((e) => e === 'drain')).toHaveLength(3);
    expect(events[events.length - 1]).toBe('drain');
  });

  it('stop at a report that cannot be written, exit 1, and still print what was scored', () => {
    const dir = tempDir();
    for (let i = 0; i < 130; i++) writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.yaml`), withOrg(`Council ${i}`));
    for (const jobs of ['1', '2']) {
      const reports = path.join(tempDir(), 'r');
      // A folder where the 100th report should go: it cannot be replaced by a file.
      mkdirSync(path.join(reports, 'f099.report.md'), { recursive: true });
      const r = cli(['score', '--json', '--force', '--jobs', jobs, '--reports', reports, dir]);
      expect(r.code, jobs).toBe(1);
      expect(r.err).toMatch(/^ostrom-ready: error: cannot write .*f099\.report\.md: /m);
      const printed = r.out.trim().split('\n').map((l) => (JSON.parse(l) as { organisation: string }).organisation);
      // As far as the input whose report failed, and no further.
      expect(printed).toEqual(Array.from({ length: 100 }, (_, i) => `Council ${i}`));
      expect(readdirSync(reports).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
  });
});

describe('input lists', () => {
  it('orders a folder with subfolders exactly as sorting the full paths would, skipping hidden entries and node_modules', () => {
    const dir = tempDir();
    const files = ['a.yaml', 'b.yaml', 'b/x.yaml', 'b/a/z.yml', 'b0.yaml', 'b.c/y.yaml', 'b-/w.yaml', 'c.YML', 'sub.yaml', 'sub/deeper/q.yaml', 'sub/p.yaml', 'Z.yaml', 'é.yaml'];
    const skipped = ['.hidden.yaml', '.git/h.yaml', 'node_modules/m.yaml', 'notes.txt', 'b/readme.md'];
    for (const f of [...files, ...skipped]) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), '');
    }
    const expected = files.map((f) => path.join(dir, f)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const list = listInputs([dir, path.join(dir, 'a.yaml')]);
    expect(list.length).toBe(files.length + 1);
    expect(list.slice(0, list.length)).toEqual([...expected, path.join(dir, 'a.yaml')]);
    // Lookups out of order, and slices past either end.
    expect(list.at(5)).toBe(expected[5]);
    expect(list.at(0)).toBe(expected[0]);
    expect(list.at(files.length)).toBe(path.join(dir, 'a.yaml'));
    expect(list.slice(-3, 2)).toEqual(expected.slice(0, 2));
    expect(list.slice(files.length - 1, 99)).toEqual([expected.at(-1), path.join(dir, 'a.yaml')]);
    expect(() => list.at(files.length + 1)).toThrow(RangeError);
  });

  it('keeps the order across the blocks a large folder is stored in', () => {
    const dir = tempDir();
    // 2,500 names of different lengths in an order unlike their sorted one, and a subfolder.
    const names = Array.from({ length: 2500 }, (_, i) => `${'x'.repeat((i * 7) % 13)}${(i * 7919) % 2500}.yaml`);
    for (const name of names) writeFileSync(path.join(dir, name), '');
    mkdirSync(path.join(dir, 'x1'));
    writeFileSync(path.join(dir, 'x1', 'in-a-folder.yaml'), '');
    const expected = [...names.map((n) => path.join(dir, n)), path.join(dir, 'x1', 'in-a-folder.yaml')].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const list = listInputs([dir]);
    expect(list.slice(0, list.length)).toEqual(expected);
    expect(list.at(1500)).toBe(expected[1500]);
  });

  it('keeps files and folders in the order given', () => {
    const dir = tempDir();
    for (const f of ['z.yaml', 'a.yaml', 'f/b.yaml', 'f/a.yaml']) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), '');
    }
    const at = (f: string) => path.join(dir, f);
    const list = listInputs([at('z.yaml'), at('a.yaml'), at('f'), at('z.yaml')]);
    expect(list.slice(0, list.length)).toEqual([at('z.yaml'), at('a.yaml'), at('f/a.yaml'), at('f/b.yaml'), at('z.yaml')]);
    expect(() => list.at(1.5)).toThrow(RangeError);
    expect(() => listInputs([at('missing.yaml')])).toThrow(/missing\.yaml: no such file or folder/);
  });
});

describe('first lines', () => {
  it('cuts text and UTF-8 after a number of lines', () => {
    expect(firstLines('a\nbb\nccc\n', 2)).toBe('a\nbb\n');
    expect(firstLines('a\nbb\n', 5)).toBe('a\nbb\n');
    expect(firstLines('a\nbb\n', 0)).toBe('');
    const bytes = new TextEncoder().encode('é\n€\n😀\n');
    expect(new TextDecoder().decode(firstLines(bytes, 2))).toBe('é\n€\n');
  });
});

describe('JSON lines', () => {
  // resultLine writes the questionnaire's parts once; it must give exactly what the
  // contract's object gives through JSON.stringify, for any answers and any text.
  const registry = loadRegistry({});
  const naughty = JSON.parse(readFileSync(path.join(ROOT, '..', 'shared', 'corpus', 'naughty-strings', 'blns.json'), 'utf8')) as string[];
  it('is JSON.stringify(resultObject()) for every bundled questionnaire, any answers, names and text', () => {
    for (const { questionnaire: q } of registry.entries) {
      const ids = q.conditions.flatMap((c) => c.questions.map((x) => x.id));
      const values = [...q.scale.options.map((o) => o.value), DONT_KNOW, null] as const;
      fc.assert(fc.property(
        fc.array(fc.constantFrom(...values), { minLength: ids.length, maxLength: ids.length }),
        fc.constantFrom(...naughty), fc.option(fc.constantFrom(...naughty)), fc.boolean(),
        (given, text, other, named) => {
          const answers = answersFor(q, Object.fromEntries(ids.map((id, i) => [id, given[i]!])), {
            organisation: text, scope: other, respondent: { name: other, role: text }, date: other === null ? null : '2026-02-03',
          });
          const a = assess(q, answers);
          expect(resultLine(text, a, { named })).toBe(JSON.stringify(resultObject(text, a, { named })));
        },
      ), { numRuns: 200 });
    }
  });
});
