// Broken and hostile inputs (test/corpus/, with the first diagnostic each must give), run
// through validate, report and score --json: the exit code, the diagnostic's line and column,
// one line per problem, no stack trace, and valid files in the same batch still scored.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runReport } from '../src/commands/report.js';
import { runValidate } from '../src/commands/validate.js';
import { BIN, captureIo, ROOT } from './helpers.js';

const CORPUS = path.join(ROOT, 'test', 'corpus');
const expected = parse(readFileSync(path.join(CORPUS, 'expected.yaml'), 'utf8')) as Record<string, string | null>;
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml') && f !== 'expected.yaml').sort();
const DIAGNOSTIC = /^(.+):(\d+):(\d+): error: \S.*$/;
const isQuestionnaire = (f: string) => f.startsWith('questionnaire-');

describe('the corpus', () => {
  it('has at least 60 files, each with an expected first diagnostic', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(expected).sort()).toEqual(files);
  });
});

describe.each(files)('%s', (name) => {
  const file = path.join(CORPUS, name);
  const want = expected[name]!;

  it('validate gives the expected first diagnostic, one line per problem', () => {
    const io = captureIo();
    const code = runValidate([file], {}, io);
    expect(code).toBe(want === null ? 0 : 1);
    if (want === null) {
      expect(io.err).toBe('');
      return;
    }
    const lines = io.err.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}:${want}`);
    for (const line of lines) expect(line).toMatch(DIAGNOSTIC);
  });

  it('report gives the same position, or a report', async () => {
    const io = captureIo();
    const code = await runReport(file, {}, {}, io);
    if (isQuestionnaire(name)) {
      // A questionnaire is not an answers file: refused with diagnostics, never a crash.
      expect(code).toBe(1);
    } else if (want === null) {
      expect(code).toBe(0);
      expect(io.out).toMatch(/^# Action report: /);
    } else {
      expect(code).toBe(1);
      expect(io.out).toBe('');
      expect(io.err.split('\n')[0]).toBe(`${file}:${want}`);
    }
    for (const line of io.err.trimEnd().split('\n').filter(Boolean)) expect(line).toMatch(DIAGNOSTIC);
  });
});

describe('the whole corpus in one batch', () => {
  it('score --json: a result or an error object per file, in order, and the valid ones scored', () => {
    const r = spawnSync(process.execPath, [BIN, 'score', '--json', ...files.map((f) => path.join(CORPUS, f))], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(DIAGNOSTIC);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { file: string; error?: { line: number; column: number }; overall?: unknown });
    expect(lines.map((l) => path.basename(l.file))).toEqual(files);
    lines.forEach((l, i) => {
      const name = files[i]!;
      const want = expected[name];
      if (isQuestionnaire(name)) expect(l.error).toBeDefined();
      else if (want === null) {
        expect(l.error).toBeUndefined();
        expect(l.overall).toBeDefined();
      }
      else expect(`${l.error?.line}:${l.error?.column}`).toBe(want!.split(': error')[0]);
    });
  });
});
