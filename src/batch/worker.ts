// A worker thread of a large batch: loads the questionnaires once, then scores the chunks
// of files it is sent and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry, type RegistryOptions } from '../load/registry.js';
import { scoreFile, type BatchOptions } from './score-file.js';

interface Setup { registry: RegistryOptions; options: BatchOptions }
export interface Chunk { id: number; files: string[]; reportNames: (string | undefined)[] }

const setup = workerData as Setup;
const registry = loadRegistry(setup.registry);

parentPort!.on('message', (chunk: Chunk) => {
  try {
    parentPort!.postMessage({ id: chunk.id, outcomes: chunk.files.map((f, i) => scoreFile(f, registry, setup.options, chunk.reportNames[i])) });
  } catch (error) {
    parentPort!.postMessage({ id: chunk.id, failure: { name: (error as Error)?.name, message: (error as Error)?.message ?? String(error) } });
  }
});
