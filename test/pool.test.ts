// The V8 setting a large batch makes: inlining off, from the first large batch on, and not
// for a small one (a single report, a workshop of a dozen files).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PARALLEL_FROM, scoreAll } from '../src/batch/pool.js';
import { loadRegistry } from '../src/load/registry.js';
import { listInputs } from '../src/util/inputs.js';
import { ROOT, tempDir } from './helpers.js';

const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: setFlags }));

const EXAMPLE = path.join(ROOT, 'examples', 'riverside-middle.answers.yaml');

/** Scores a folder of `count` copies of the example; returns how many were scored and whether the flag was set by the first chunk. */
async function scoreFolderOf(count: number): Promise<{ scored: number; setBeforeFirstChunk: boolean }> {
  const dir = tempDir();
  const text = readFileSync(EXAMPLE, 'utf8');
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `f${String(i).padStart(4, '0')}.yaml`), text);
  const files = listInputs([dir]);
  let scored = 0;
  let setBeforeFirstChunk = false;
  for await (const chunk of scoreAll({ files, reportNames: [], options: { json: true }, registry: loadRegistry({}), registryOptions: {}, jobs: 1 })) {
    if (scored === 0) setBeforeFirstChunk = setFlags.mock.calls.length > 0;
    scored += chunk.outcomes.length;
  }
  return { scored, setBeforeFirstChunk };
}

describe('a large batch', () => {
  beforeEach(() => setFlags.mockClear());

  it('turns off V8 inlining before it starts', async () => {
    expect(await scoreFolderOf(PARALLEL_FROM)).toEqual({ scored: PARALLEL_FROM, setBeforeFirstChunk: true });
    expect(setFlags).toHaveBeenCalledExactlyOnceWith('--no-turbo-inlining');
  });

  it('leaves V8 as it is for a small batch', async () => {
    expect((await scoreFolderOf(PARALLEL_FROM - 1)).scored).toBe(PARALLEL_FROM - 1);
    expect(setFlags).not.toHaveBeenCalled();
  });
});
