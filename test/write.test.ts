// Every output goes through one atomic writer: a failed write leaves any earlier file as it
// was and no temporary file behind. These failures hold when tests run as root (CI), which
// ignores permission bits.
import fs, { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The disk "fills up" while this is set: writeSync fails as it does on a full disk.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof real.writeSync>) => {
    if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return real.writeSync(...args);
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, writeSync }, writeSync };
});
import { UsageError } from '../src/load/diagnostics.js';
import { openAtomicWriter, writeFileAtomic, writeFilesAtomic, WriteError } from '../src/util/write.js';
import { tempDir } from './helpers.js';

afterEach(() => { disk.full = false; });

describe('writeFileAtomic', () => {
  it('writes a new file and refuses to replace one without overwrite', () => {
    const dir = tempDir();
    const file = path.join(dir, 'out.md');
    writeFileAtomic(file, 'first');
    expect(() => writeFileAtomic(file, 'second')).toThrow(UsageError);
    expect(readFileSync(file, 'utf8')).toBe('first');
    writeFileAtomic(file, 'second', { overwrite: true });
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['out.md']);
  });
  it('says clearly when the parent is a file, or missing', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'file'), 'x');
    expect(() => writeFileAtomic(path.join(dir, 'file', 'out.md'), 'x')).toThrow(/is not a folder/);
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'out.md'), 'x')).toThrow(/does not exist/);
  });
  it('leaves the earlier file intact when the new one cannot be made', () => {
    const dir = tempDir();
    // A name so long that the temporary file's name is over the file system's limit.
    const file = path.join(dir, `${'r'.repeat(250)}.md`);
    writeFileSync(file, 'earlier');
    expect(() => writeFileAtomic(file, 'later', { overwrite: true })).toThrow(WriteError);
    expect(readFileSync(file, 'utf8')).toBe('earlier');
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });
  it('on a full disk: a clear error, the earlier file intact, no temporary file left', () => {
    const dir = tempDir();
    const file = path.join(dir, 'answers.yaml');
    writeFileSync(file, 'earlier');
    disk.full = true;
    expect(() => writeFileAtomic(file, 'later', { overwrite: true })).toThrow(`cannot write ${file}: the disk is full`);
    disk.full = false;
    expect(readFileSync(file, 'utf8')).toBe('earlier');
    expect(readdirSync(dir)).toEqual(['answers.yaml']);
  });
  it('a streamed file appears whole at commit, or not at all', () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.csv');
    const writer = openAtomicWriter(file);
    writer.write('a'.repeat(100_000));
    expect(fs.existsSync(file)).toBe(false);
    writer.commit();
    expect(readFileSync(file, 'utf8')).toHaveLength(100_000);
    const aborted = openAtomicWriter(path.join(dir, 'never.csv'));
    aborted.write('x');
    aborted.abort();
    expect(readdirSync(dir)).toEqual(['big.csv']);
  });
});

describe('writeFilesAtomic', () => {
  it('writes none of the files when one of them would be refused, and leaves no temporary file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'report.md'), 'kept');
    expect(() => writeFilesAtomic([{ file: path.join(dir, 'chart.svg'), content: '<svg/>' }, { file: path.join(dir, 'report.md'), content: 'new' }])).toThrow(/report\.md already exists/);
    expect(readdirSync(dir)).toEqual(['report.md']);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('kept');
    writeFilesAtomic([{ file: path.join(dir, 'chart.svg'), content: '<svg/>' }, { file: path.join(dir, 'report.md'), content: 'new' }], { overwrite: true });
    expect(readdirSync(dir).sort()).toEqual(['chart.svg', 'report.md']);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('new');
  });
});
