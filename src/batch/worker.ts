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
 * Texts as UTF-8, one after another in one buffer, which grows as needed. The buffer is moved
 * to the main thread, not copied, and comes back once written, to be used again: encoding
 * into a buffer already in use takes half the time of a new one, and the main thread, which
 * only writes, then allocates almost nothing that outlives a collection, so its heap stays
 * the same size however long the batch.
 */
class Utf8Run {
  private buffer: ArrayBuffer;
  private at = 0;
  /** `expected`: roughly how many bytes will be added; the smallest spare that holds them is used. */
  constructor(expected = 0) {
    let best = -1;
    spares.forEach((b, i) => {
      if (b.byteLength >= expected && (best < 0 || b.byteLength < spares[best]!.byteLength)) best = i;
    });
    this.buffer = best >= 0 ? spares.splice(best, 1)[0]! : new ArrayBuffer(Math.max(expected, 256 * 1024));
  }
  /** Appends a text; returns its length in bytes. */
  add(text: string): number {
    for (;;) {
      const { read, written } = utf8.encodeInto(text, new Uint8Array(this.buffer, this.at));
      if (read === text.length) {
        this.at += written;
        return written;
      }
      // Too little room: a larger buffer, keeping what is there, and this text again.
      const larger = new ArrayBuffer(Math.max(this.buffer.byteLength * 2, this.at + text.length * 3));
      new Uint8Array(larger).set(new Uint8Array(this.buffer, 0, this.at));
      this.buffer = larger;
    }
  }
  get bytes(): Uint8Array {
    return new Uint8Array(this.buffer, 0, this.at);
  }
}

/**
 * How many bytes of reports the last chunk needed: the next chunk's buffer is chosen at least
 * this large, rather than grown (and copied) several times over from a small one.
 */
let reportBytes = 0;

function utf8Of(text: string): Uint8Array {
  const run = new Utf8Run(Math.ceil(text.length * 1.25)); // most text is ASCII: a byte or so a character
  run.add(text);
  return run.bytes;
}

parentPort!.on('message', (message: Chunk | Spares) => {
  if ('spares' in message) {
    spares.push(...message.spares);
    spares.splice(0, spares.length - 8); // a few are enough for the chunks in flight
    return;
  }
  try {
    let reports: Utf8Run | undefined;
    const sent: SentOutcome[] = [];
    const { json } = scoreChunk(message.files, message.reportNames, registry, setup.options, (outcome) => {
      const { report, ...rest } = outcome;
      delete outcome.report; // its text is not kept past this point
      if (report && 'text' in report) {
        reports ??= new Utf8Run(reportBytes);
        sent.push({ ...rest, report: { name: report.name, length: reports.add(report.text) } });
      } else {
        sent.push(rest);
      }
    });
    if (reports) reportBytes = reports.bytes.length;
    const reply: ChunkReply = {
      id: message.id,
      outcomes: sent,
      ...(json ? { json: utf8Of(json) } : {}),
      ...(reports ? { reports: reports.bytes } : {}),
    };
    parentPort!.postMessage(reply, [reply.json?.buffer, reply.reports?.buffer].filter((b): b is ArrayBuffer => !!b));
  } catch (error) {
    parentPort!.postMessage({ id: message.id, failure: { name: (error as Error)?.name, message: (error as Error)?.message ?? String(error) } } satisfies ChunkReply);
  }
});
