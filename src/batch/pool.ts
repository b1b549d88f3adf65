// Scoring a batch, in input order, on one thread or several. The output is the same either
// way: chunks are scored in parallel and handed on strictly in order.
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../load/diagnostics.js';
import { BATCH_WORKER } from '../paths.js';
import type { Registry, RegistryOptions } from '../load/registry.js';
import type { FileList } from '../util/inputs.js';
import { scoreChunk, type BatchOptions, type FileOutcome, type ScoredChunk } from './score-file.js';
import type { Chunk, ChunkReply, Spares } from './worker.js';

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_FROM = 400;
const CHUNK = 64;

export function defaultJobs(files: number): number {
  return files >= PARALLEL_FROM ? Math.max(1, Math.min(availableParallelism(), 8)) : 1;
}

export interface PoolInput {
  files: FileList;
  reportNames: readonly (string | undefined)[];
  options: BatchOptions;
  registry: Registry;
  registryOptions: RegistryOptions;
  jobs: number;
}

/** The batch in chunks of up to 64 inputs, in input order. */
export async function* scoreAll(input: PoolInput): AsyncGenerator<ScoredChunk> {
  const { files, options, registry, jobs } = input;
  if (files.length >= PARALLEL_FROM) compileLess();
  const chunks = Math.ceil(files.length / CHUNK);
  // One thread: score here, with no worker to start.
  if (jobs <= 1) {
    for (let id = 0; id < chunks; id++) {
      const { files: paths, reportNames } = chunkOf(input, id);
      yield scoreChunk(paths, reportNames, registry, options);
    }
    return;
  }
  yield* scoreInWorkers(input, chunks);
}

/**
 * A large batch runs the same few functions thousands of times, and V8 optimises each of them,
 * some again after meeting a new kind of value. Inlining what they call makes a compile take
 * about twice as long, and here it cost more than it saved: without it, the first 3,000
 * reports of one worker took 10% fewer instructions in all (valgrind), and 10,000 reports with
 * two workers 9% less time (median of 15 interleaved runs). Inlining never changes what the
 * code does. The flag holds for the whole process (the workers too) from here on.
 */
function compileLess(): void {
  setFlagsFromString('--no-turbo-inlining');
}

/** Made as it is sent, so that no second list of every path is held (report names aside). */
function chunkOf({ files, reportNames }: PoolInput, id: number): Chunk {
  return { id, files: files.slice(id * CHUNK, (id + 1) * CHUNK), reportNames: reportNames.slice(id * CHUNK, (id + 1) * CHUNK) };
}

/**
 * `jobs` workers score chunks while the main thread only hands results on, in order. Each
 * worker's heap has a set limit: without one, V8 lets a busy heap grow towards gigabytes
 * before collecting; with one it collects early, which keeps a batch's peak memory flat.
 * The limit is far above what one file (at most 1 MiB) needs.
 */
async function* scoreInWorkers(input: PoolInput, chunks: number): AsyncGenerator<ScoredChunk> {
  const { options, registryOptions, jobs } = input;
  const workers = Array.from({ length: Math.min(jobs, chunks) }, () => new Worker(BATCH_WORKER, {
    workerData: { registry: registryOptions, options },
    // Rendering reports makes far more short-lived strings; a larger young generation then
    // saves collections (about a tenth of the time of `--reports`).
    resourceLimits: { maxYoungGenerationSizeMb: options.reportsDir ? 16 : 2, maxOldGenerationSizeMb: 128 },
  }));
  const done = new Map<number, { reply: ChunkReply; worker: Worker }>();
  let next = 0;
  let handedOn = 0;
  // Chunks sent but not yet handed on are at most a few per worker: when the output backs up
  // (a slow pipe), the workers wait rather than fill memory with finished chunks.
  const window = workers.length * 3;
  const waiting: Worker[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const send = (worker: Worker) => {
    if (next >= chunks) return;
    if (next - handedOn < window) worker.postMessage(chunkOf(input, next++));
    else waiting.push(worker);
  };
  for (const worker of workers) {
    worker.on('message', (reply: ChunkReply) => {
      if (reply.failure) {
        failure = reply.failure.name === 'UsageError' ? new UsageError(reply.failure.message) : new Error(`a worker failed: ${reply.failure.message}`);
      } else {
        done.set(reply.id, { reply, worker });
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
    for (let id = 0; id < chunks; id++) {
      while (!done.has(id)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = null;
      }
      const { reply: { outcomes, json, reports }, worker } = done.get(id)!;
      done.delete(id);
      let at = 0;
      yield {
        outcomes: outcomes!.map(({ report, ...rest }): FileOutcome => (report ? { ...rest, report: { name: report.name, bytes: reports!.subarray(at, (at += report.length)) } } : rest)),
        json: json ?? '',
        release: () => {
          const spares = [json?.buffer, reports?.buffer].filter((b): b is ArrayBuffer => !!b);
          if (spares.length) worker.postMessage({ spares } satisfies Spares, spares);
        },
      };
      handedOn++;
      while (waiting.length && next < chunks && next - handedOn < window) send(waiting.shift()!);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
