// Inputs nobody here wrote (../shared/corpus): every YAML test suite input as an answers file
// and as a questionnaire file, and every Big List of Naughty Strings entry as an
// organisation name, role and note.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/load/diagnostics.js';
import { parseAnswers } from '../src/load/answers.js';
import { parseQuestionnaire } from '../src/load/questionnaire.js';
import { loadRegistry } from '../src/load/registry.js';
import { renderReport } from '../src/render/report.js';
import { assess } from '../src/score/score.js';
import { BIN, ROOT, tempDir } from './helpers.js';

const SHARED = path.join(ROOT, '..', 'shared', 'corpus');
const SUITE = path.join(SHARED, 'yaml-test-suite');
const BLNS = path.join(SHARED, 'naughty-strings', 'blns.json');
const registry = loadRegistry();
const DIAGNOSTIC = /^.+:\d+:\d+: error: \S/;

describe.runIf(existsSync(SUITE))('the YAML test suite', () => {
  const inputs = existsSync(SUITE) ? readdirSync(SUITE).filter((f) => f.endsWith('.yaml')).sort() : [];
  const invalid = existsSync(SUITE) ? new Set(readFileSync(path.join(SUITE, 'ERRORS.txt'), 'utf8').split(/\s+/).filter(Boolean)) : new Set<string>();

  it('every input, as an answers file and as a questionnaire file, gives a result or clean diagnostics', () => {
    expect(inputs.length).toBeGreaterThan(300);
    for (const name of inputs) {
      const text = readFileSync(path.join(SUITE, name), 'utf8');
      for (const result of [parseAnswers(name, text, registry), parseQuestionnaire(name, text)]) {
        if (result.ok) continue;
        expect(result.diagnostics.length, name).toBeGreaterThan(0);
        for (const d of result.diagnostics) {
          expect(formatDiagnostic(d), name).toMatch(DIAGNOSTIC);
          expect(d.line, name).toBeGreaterThanOrEqual(1);
          expect(d.column, name).toBeGreaterThanOrEqual(1);
        }
      }
      // The suite's invalid YAML is refused as such.
      if (invalid.has(name.replace(/\.yaml$/, ''))) expect(parseAnswers(name, text, registry).ok, name).toBe(false);
    }
  });

  it('the built CLI refuses them all in one batch without a crash', () => {
    const r = spawnSync(process.execPath, [BIN, 'validate', SUITE], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/internal error/);
    for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(DIAGNOSTIC);
  }, 60_000);
});

describe.runIf(existsSync(BLNS))('the Big List of Naughty Strings', () => {
  const strings = existsSync(BLNS) ? (JSON.parse(readFileSync(BLNS, 'utf8')) as string[]).filter((s) => s.length > 0) : [];
  const officer = registry.latest('ostrom-four-conditions')!.questionnaire;
  const firstQuestion = officer.conditions[0]!.questions[0]!.id;
  const answersText = (s: string) => [
    'questionnaire: ostrom-four-conditions', 'version: 1', `organisation: ${JSON.stringify(s)}`, 'respondent:', `  role: ${JSON.stringify(s)}`, `  name: ${JSON.stringify(s)}`,
    'answers:', `  ${firstQuestion}: 3`, 'notes:', `  ${firstQuestion}: ${JSON.stringify(s)}`, `  synergy: ${JSON.stringify(s)}`, '',
  ].join('\n');

  it('none breaks a report\'s structure', () => {
    const plainLoaded = parseAnswers('a.yaml', answersText('Plain'), registry);
    if (!plainLoaded.ok) throw new Error('the plain file should load');
    const plain = renderReport(assess(officer, plainLoaded.value.answers));
    const shape = (md: string) => ({
      headings: md.split('\n').filter((l) => /^#{1,6} /.test(l)).length,
      tableRows: md.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split(/(?<!\\)\|/).length),
      html: (md.match(/<(?!br>)[a-z]/gi) ?? []).length,
    });
    const want = shape(plain);
    for (const s of strings) {
      const loaded = parseAnswers('a.yaml', answersText(s), registry);
      expect(loaded.ok, JSON.stringify(s)).toBe(true);
      if (!loaded.ok) continue;
      const md = renderReport(assess(loaded.value.questionnaire, loaded.value.answers));
      expect(shape(md), JSON.stringify(s)).toEqual(want);
    }
  });

  it('names round-trip through score --json, and CSV rows and report file names stay intact', () => {
    const dir = tempDir();
    strings.forEach((s, i) => writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.yaml`), answersText(s)));
    const reports = path.join(dir, 'reports');
    mkdirSync(reports);
    const csv = path.join(dir, 'out.csv');
    const r = spawnSync(process.execPath, [BIN, 'score', '--json', '--named', '--csv', csv, '--reports', reports, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { organisation: string; role: string; name: string });
    expect(lines.map((l) => l.organisation)).toEqual(strings);
    expect(lines.map((l) => l.role)).toEqual(strings);
    expect(lines.map((l) => l.name)).toEqual(strings);
    const rows = parseCsv(readFileSync(csv, 'utf8'), { columns: true, relax_quotes: false }) as { organisation: string }[];
    expect(rows.map((row) => row.organisation)).toEqual(strings);
    const written = readdirSync(reports).sort();
    expect(written).toEqual(strings.map((_, i) => `${String(i).padStart(3, '0')}.report.md`));
  }, 120_000);
});
