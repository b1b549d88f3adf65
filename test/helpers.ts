// Shared test helpers: loading fixtures, running the built CLI and capturing a command's output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../src/commands/context.js';
import { loadRegistry, type Registry } from '../src/load/registry.js';
import type { Answers } from '../src/schemas/answers.js';
import { questionnaireSchema, type Questionnaire } from '../src/schemas/questionnaire.js';
import { parse } from 'yaml';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const BIN = path.join(ROOT, 'bin', 'ostrom-ready.js');

/** The built CLI as a user runs it, without colour; it must never print a stack trace. */
export function cli(args: string[], cwd = ROOT): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export function fixtureQuestionnaire(name = 'mini'): Questionnaire {
  return questionnaireSchema().parse(parse(readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8')));
}

export function answersFor(q: Questionnaire, given: Answers['answers'], extra: Partial<Answers> = {}): Answers {
  const all: Answers['answers'] = {};
  for (const c of q.conditions) for (const x of c.questions) all[x.id] = null;
  return {
    questionnaire: q.id, version: q.version, organisation: 'Test Council', scope: null,
    respondent: { name: null, role: null }, date: '2026-11-20', answers: { ...all, ...given }, notes: {}, ...extra,
  };
}

/** A registry of the test fixtures only (not the bundled questionnaires). */
export function fixtureRegistry(): Registry {
  return loadRegistry({ bundledDir: FIXTURES });
}

const tempDirs: string[] = [];

/** A new folder under the system's temporary folder, removed after the test file (test/setup.ts). */
export function tempDir(prefix = 'ostrom-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function captureIo(): Io & { out: string; err: string } {
  const io = {
    out: '', err: '', stderrIsTTY: false,
    stdout(text: string) { io.out += text; },
    stderr(text: string) { io.err += text; },
  };
  return io;
}
