// A worker thread of a large batch: loads the questionnaires once, then scores the chunks
// of files it is sent and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry, type RegistryOptions } from '../load/registry.js';
import { scoreChunk, type BatchOptions, type FileOutcome } from './score-file.js';

interface Setup { registry: RegistryOptions; options: BatchOptions }
export interface Chunk { id: number; files: string[]; reportNames: (string | undefined)[] }
/** A buffer the main thread has finished with, handed back for the next chunk's JSON. */
export interface Spare { spare: ArrayBuffer }
export interface ChunkReply {
  id: number;
  outcomes?: FileOutcome[];
  /** The chunk's JSON lines as UTF-8. */
  json?: Uint8Array;
  failure?: { name: string; message: string };
}

const setup = workerData as Setup;
const registry = loadRegistry(setup.registry);
const utf8 = new TextEncoder();
const spares: ArrayBuffer[] = [];

/**
 * The JSON lines go to the main thread as bytes in a buffer that is moved, not copied, and
 * that comes back to be used again. The main thread, which only writes them out, then
 * allocates almost nothing that outlives a collection, so its heap stays the same size
 * however long the batch; and no buffers pile up there between its rare collections.
 */
function encode(text: string): Uint8Array {
  const most = text.length * 3; // UTF-8 takes at most 3 bytes for each UTF-16 unit
  let buffer = spares.pop();
  if (!buffer || buffer.byteLength < most) buffer = new ArrayBuffer(Math.max(most, 256 * 1024));
  const { written } = utf8.encodeInto(text, new Uint8Array(buffer));
  return new Uint8Array(buffer, 0, written);
}

parentPort!.on('message', (message: Chunk | Spare) => {
  if ('spare' in message) {
    if (spares.length < 4) spares.push(message.spare);
    return;
  }
  try {
    const { outcomes, json } = scoreChunk(message.files, message.reportNames, registry, setup.options);
    const reply: ChunkReply = { id: message.id, outcomes, ...(json ? { json: encode(json) } : {}) };
    // Reports are moved too: the main thread only writes them.
    const transfer = outcomes.flatMap((o) => (o.report ? [o.report.bytes.buffer as ArrayBuffer] : []));
    if (reply.json) transfer.push(reply.json.buffer as ArrayBuffer);
    parentPort!.postMessage(reply, transfer);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, failure: { name: (error as Error)?.name, message: (error as Error)?.message ?? String(error) } } satisfies ChunkReply);
  }
});
