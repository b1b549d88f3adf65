// Scoring a batch, in input order, on one thread or several. The output is the same either
// way: chunks are scored in parallel and handed on strictly in order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../load/diagnostics.js';
import { BATCH_WORKER } from '../paths.js';
import type { Registry, RegistryOptions } from '../load/registry.js';
import { scoreFile, type BatchOptions, type FileOutcome } from './score-file.js';
import type { Chunk } from './worker.js';

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_FROM = 400;
const CHUNK = 64;

export function defaultJobs(files: number): number {
  return files >= PARALLEL_FROM ? Math.max(1, Math.min(availableParallelism(), 8)) : 1;
}

export interface PoolInput {
  files: readonly string[];
  reportNames: readonly (string | undefined)[];
  options: BatchOptions;
  registry: Registry;
  registryOptions: RegistryOptions;
  jobs: number;
}

export async function* scoreAll(input: PoolInput): AsyncGenerator<FileOutcome> {
  const { files, reportNames, options, registry, jobs } = input;
  // One thread: score here, with no worker to start.
  if (jobs <= 1) {
    for (let i = 0; i < files.length; i++) yield scoreFile(files[i]!, registry, options, reportNames[i]);
    return;
  }
  yield* scoreInWorkers(input);
}

type Reply = { id: number; outcomes?: FileOutcome[]; failure?: { name: string; message: string } };

/**
 * `jobs` workers score chunks while the main thread only hands results on, in order. Each
 * worker's heap has a set limit: without one, V8 lets a busy heap grow towards gigabytes
 * before collecting; with one it collects early, which keeps a batch's peak memory flat.
 * The limit is far above what one file (at most 1 MiB) needs.
 */
async function* scoreInWorkers({ files, reportNames, options, registryOptions, jobs }: PoolInput): AsyncGenerator<FileOutcome> {
  const chunks: Chunk[] = [];
  for (let start = 0; start < files.length; start += CHUNK) {
    chunks.push({ id: chunks.length, files: files.slice(start, start + CHUNK), reportNames: reportNames.slice(start, start + CHUNK) });
  }
  const workers = Array.from({ length: Math.min(jobs, chunks.length) }, () => new Worker(BATCH_WORKER, {
    workerData: { registry: registryOptions, options },
    resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 128 },
  }));
  const done = new Map<number, FileOutcome[]>();
  let next = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const send = (worker: Worker) => {
    if (next < chunks.length) worker.postMessage(chunks[next++]);
  };
  for (const worker of workers) {
    worker.on('message', (reply: Reply) => {
      if (reply.failure) {
        failure = reply.failure.name === 'UsageError' ? new UsageError(reply.failure.message) : new Error(`a worker failed: ${reply.failure.message}`);
      } else {
        done.set(reply.id, reply.outcomes!);
        send(worker);
      }
      wake?.();
    });
    worker.on('error', (error) => { failure = error; wake?.(); });
    // Two chunks in flight each, so that no worker waits for the main thread.
    send(worker);
    send(worker);
  }
  try {
    for (let id = 0; id < chunks.length; id++) {
      while (!done.has(id)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = null;
      }
      const outcomes = done.get(id)!;
      done.delete(id);
      yield* outcomes;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
