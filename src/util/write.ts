// Every output file goes through here: written to a temporary file in the same folder,
// then moved into place, so that a reader never sees half a file and a crash or a full
// disk leaves any earlier file as it was.
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';
import { describeFsError } from '../load/yaml-document.js';

export class WriteError extends Error {
  override name = 'WriteError';
}

export interface WriteOptions {
  /** Replace an existing file (otherwise refuse: exit 2). */
  overwrite?: boolean;
  /** Flush to disk before the rename; for answers saved during an interview. */
  durable?: boolean;
}

let counter = 0;

export function writeFileAtomic(file: string, content: string, options: WriteOptions = {}): void {
  const dir = path.dirname(path.resolve(file));
  let parent;
  try {
    parent = statSync(dir);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: the folder ${dir} ${describeFsError(error) === 'no such file or folder' ? 'does not exist' : `cannot be used (${describeFsError(error)})`}`);
  }
  if (!parent.isDirectory()) throw new UsageError(`cannot write ${file}: ${dir} is not a folder`);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, content);
      if (options.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.overwrite) {
      renameSync(temp, file);
    } else {
      // A hard link fails if the target exists: no window in which another file is clobbered.
      try {
        linkSync(temp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists; use --force to overwrite it`);
        if (exists(file)) throw new UsageError(`${file} already exists; use --force to overwrite it`);
        renameSync(temp, file); // a file system without hard links
        return;
      }
      unlinkSync(temp);
    }
  } catch (error) {
    try { unlinkSync(temp); } catch { /* already gone */ }
    if (error instanceof UsageError) throw error;
    throw new WriteError(`cannot write ${file}: ${describeFsError(error)}`);
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
