// A worker thread of a large batch: loads the questionnaires once, then scores the chunks
// of files it is sent and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry, type RegistryOptions } from '../load/registry.js';
import { scoreChunk, type BatchOptions, type FileOutcome } from './score-file.js';

interface Setup { registry: RegistryOptions; options: BatchOptions }
export interface Chunk { id: number; files: string[]; reportNames: (string | undefined)[] }
/** Buffers the main thread has written out, handed back to be used again. */
export interface Spares { spares: ArrayBuffer[] }
/** An outcome as sent: its report's bytes are the next `length` bytes of the chunk's `reports`. */
export type SentOutcome = Omit<FileOutcome, 'report'> & { report?: { name: string; length: number } };
export interface ChunkReply {
  id: number;
  outcomes?: SentOutcome[];
  /** The chunk's JSON lines as UTF-8. */
  json?: Uint8Array;
  /** The chunk's reports as UTF-8, one after another. */
  reports?: Uint8Array;
  failure?: { name: string; message: string };
}

const setup = workerData as Setup;
const registry = loadRegistry(setup.registry);
const utf8 = new TextEncoder();
const spares: ArrayBuffer[] = [];

/**
 * Texts as UTF-8, one after another in one buffer, and the length of each. The buffer is
 * moved to the main thread, not copied, and comes back once written, to be used again:
 * encoding into a buffer already in use takes half the time of a new one, and the main
 * thread, which only writes, then allocates almost nothing that outlives a collection, so
 * its heap stays the same size however long the batch.
 */
function encodeAll(texts: readonly string[]): { bytes: Uint8Array; lengths: number[] } {
  const chars = texts.reduce((n, t) => n + t.length, 0);
  let size = Math.ceil(chars * 1.25) + 1024; // most text is ASCII: a byte or so a character
  const spare = spares.findIndex((b) => b.byteLength >= size);
  let buffer = spare >= 0 ? spares.splice(spare, 1)[0]! : new ArrayBuffer(Math.max(size, 256 * 1024));
  for (;;) {
    const lengths: number[] = [];
    let at = 0;
    for (const text of texts) {
      const { read, written } = utf8.encodeInto(text, new Uint8Array(buffer, at));
      if (read < text.length) break;
      lengths.push(written);
      at += written;
    }
    if (lengths.length === texts.length) return { bytes: new Uint8Array(buffer, 0, at), lengths };
    size = buffer.byteLength * 2; // text far from ASCII: try again in a larger buffer
    buffer = new ArrayBuffer(size);
  }
}

parentPort!.on('message', (message: Chunk | Spares) => {
  if ('spares' in message) {
    spares.push(...message.spares);
    spares.splice(0, spares.length - 8); // a few are enough for the chunks in flight
    return;
  }
  try {
    const { outcomes, json } = scoreChunk(message.files, message.reportNames, registry, setup.options);
    const texts = outcomes.flatMap((o) => (o.report && 'text' in o.report ? [o.report.text] : []));
    const reports = texts.length ? encodeAll(texts) : undefined;
    let i = 0;
    const reply: ChunkReply = {
      id: message.id,
      outcomes: outcomes.map(({ report, ...rest }) => (report ? { ...rest, report: { name: report.name, length: reports!.lengths[i++]! } } : rest)),
      ...(json ? { json: encodeAll([json]).bytes } : {}),
      ...(reports ? { reports: reports.bytes } : {}),
    };
    parentPort!.postMessage(reply, [reply.json?.buffer, reply.reports?.buffer].filter((b): b is ArrayBuffer => !!b));
  } catch (error) {
    parentPort!.postMessage({ id: message.id, failure: { name: (error as Error)?.name, message: (error as Error)?.message ?? String(error) } } satisfies ChunkReply);
  }
});
