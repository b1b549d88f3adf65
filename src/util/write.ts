// Every output file goes through here: written to a temporary file in the same folder,
// then moved into place, so that a reader never sees half a file and a crash or a full
// disk leaves any earlier file as it was.
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';
import { describeFsError } from '../load/yaml-document.js';

/** The file system refused a write (full disk, read-only, permissions). Exit 1. */
export class WriteError extends Error {
  override name = 'WriteError';
}

export interface WriteOptions {
  /** Replace an existing file (otherwise refuse: a usage error, exit 2). */
  overwrite?: boolean | undefined;
  /** Flush to disk before the rename; for answers saved during an interview. */
  durable?: boolean | undefined;
  /** The caller has checked the folder already (a batch writing thousands of files into one). */
  folderChecked?: boolean | undefined;
}

/** A file written piece by piece, appearing whole at `commit()` or not at all. */
export interface AtomicWriter {
  write(content: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

let counter = 0;
const BUFFER = 64 * 1024;

export function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions = {}): void {
  const writer = openAtomicWriter(file, options);
  writer.write(content);
  writer.commit();
}

/**
 * Files that belong together (a report and its chart): every one is checked and opened before
 * any is written, in the order given (so a refusal names the first), and a refusal or a bad
 * folder leaves none of them behind.
 */
export function writeFilesAtomic(files: readonly { file: string; content: string }[], options: WriteOptions = {}): void {
  const writers: AtomicWriter[] = [];
  try {
    for (const { file } of files) writers.push(openAtomicWriter(file, options));
  } catch (error) {
    for (const writer of writers) writer.abort();
    throw error;
  }
  files.forEach(({ content }, i) => {
    writers[i]!.write(content);
    writers[i]!.commit();
  });
}

export function openAtomicWriter(file: string, options: WriteOptions = {}): AtomicWriter {
  const dir = path.dirname(path.resolve(file));
  if (!options.folderChecked) checkFolder(file, dir);
  if (!options.overwrite && exists(file)) throw refuse(file);

  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  let fd: number | undefined;
  const cleanUp = () => {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already closed */ }
    fd = undefined;
    try { unlinkSync(temp); } catch { /* never made, or gone */ }
  };
  const fail = (error: unknown): never => {
    cleanUp();
    throw error instanceof UsageError ? error : new WriteError(`cannot write ${file}: ${describeFsError(error)}`);
  };
  try {
    fd = openSync(temp, 'wx', 0o644);
  } catch (error) {
    fail(error);
  }
  let pending = '';
  const flush = () => {
    if (pending) writeSync(fd!, pending);
    pending = '';
  };
  return {
    write(content) {
      try {
        if (typeof content === 'string') {
          pending += content;
          if (pending.length > BUFFER) flush();
        } else {
          flush();
          for (let at = 0; at < content.length;) at += writeSync(fd!, content, at);
        }
      } catch (error) {
        fail(error);
      }
    },
    commit() {
      try {
        flush();
        if (options.durable) fsyncSync(fd!);
        closeSync(fd!);
        fd = undefined;
        if (options.overwrite) {
          renameSync(temp, file);
          return;
        }
        // A hard link fails if the target exists: no moment in which another file is clobbered.
        try {
          linkSync(temp, file);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST' || exists(file)) throw refuse(file);
          renameSync(temp, file); // a file system without hard links
          return;
        }
        unlinkSync(temp);
      } catch (error) {
        fail(error);
      }
    },
    abort: cleanUp,
  };
}

function checkFolder(file: string, dir: string): void {
  let parent;
  try {
    parent = statSync(dir);
  } catch (error) {
    const why = describeFsError(error);
    throw new UsageError(`cannot write ${file}: ${why === 'no such file or folder' ? `the folder ${dir} does not exist` : `${dir}: ${why}`}`);
  }
  if (!parent.isDirectory()) throw new UsageError(`cannot write ${file}: ${dir} is not a folder`);
}

function refuse(file: string): UsageError {
  return new UsageError(`${file} already exists; use --force to overwrite it`);
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
