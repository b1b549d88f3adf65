#!/usr/bin/env node
// npm run bench: speed and memory of the built CLI, each as a ratio to a baseline measured
// in the same run on the same machine. Generates its own answers files in a temporary folder.
//   BENCH_FILES=10000 BENCH_LARGE=50000 BENCH_RUNS=5 npm run bench
// Wait ten minutes after another run: each deletes some 7 GB as it ends, and creating files on
// this machine's disk is slow for a while after (README, Speed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'ostrom-ready.js');
const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ostrom-bench-'));
// Removed however the run ends: it holds 60,000 answers files and, for a while, about 7 GB
// of reports.
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));

const q = parse(readFileSync(path.join(root, 'questionnaires', 'ostrom-four-conditions.yaml'), 'utf8'));
const ids = q.conditions.flatMap((c) => c.questions.map((x) => x.id));
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
function makeFiles(dir, n) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const lines = ['questionnaire: ostrom-four-conditions', 'version: 1', `organisation: Council ${i}`, `date: 2026-0${1 + (i % 9)}-1${i % 10}`, 'respondent:', `  role: ${['officer', 'resident', 'manager'][i % 3]}`, 'answers:'];
    for (const id of ids) {
      const r = random();
      lines.push(`  ${id}: ${r < 0.05 ? 'dont-know' : r < 0.08 ? 'null' : Math.floor(random() * 5)}`);
    }
    writeFileSync(path.join(dir, `client-${String(i).padStart(6, '0')}.yaml`), lines.join('\n') + '\n');
  }
}

function once(args, cwd = root) {
  const start = process.hrtime.bigint();
  const r = spawnSync(args[0], args.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
/** The middle value; for an even count (the 40 start-up pairs), the mean of the two middle ones. */
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The median of the ratios of pairs, and each side's median time. This machine's speed drifts
 * by a third or more within minutes, and each pair (the command, then its baseline straight
 * after) sees the same machine: in one run of three `--reports` groups, the floor took 4.5 s
 * to 10.9 s while the ratios of the pairs stayed between 0.58 and 0.72 but for one.
 */
function paired(a, b) {
  const ratios = a.map((x, i) => x / b[i]);
  return { ms: median(a), baseMs: median(b), ratio: median(ratios), ratios };
}

/** The command and its baseline, run in turn so that both see the same machine. */
function timePair(args, baseline, runs = RUNS) {
  const a = [];
  const b = [];
  once(args); // warm the file cache
  once(baseline);
  for (let i = 0; i < runs; i++) {
    a.push(once(args));
    b.push(once(baseline));
  }
  return paired(a, b);
}

/** Peak resident memory (MiB) of a command, from /usr/bin/time when present, else Node's own report. */
function peakMemory(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) return null;
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

const floorScript = path.join(tmp, 'floor.mjs');
writeFileSync(floorScript, `// The floor: read every file and parse it with yaml, in one thread.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const { parse } = createRequire(${JSON.stringify(path.join(root, 'package.json'))})('yaml');
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir).sort()) { if (parse(readFileSync(path.join(dir, f), 'utf8'))) n++; }
process.stdout.write(String(n));
`);

const report = (what, { ms, baseMs, ratio, ratios }, goal) => {
  console.log(`${what.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms  vs ${baseMs.toFixed(0).padStart(7)} ms  ratio ${ratio.toFixed(2)}x  (goal ${goal}x) ${ratio <= goal ? 'ok' : 'MISSED'}`);
  if (ratios.length <= 10) console.log(`  the pairs, in order: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
};

/**
 * Writes still being flushed to disk slow down creating files (the reports of a run, or the
 * answers files just generated, written back some 30 s later, in the middle of another
 * run): each timed run that writes starts from a disk with nothing waiting. Not timed.
 */
const settle = () => spawnSync('sync');

console.log(`ostrom-ready bench on ${os.cpus().length} cores, Node ${process.version}; each command run in turn with its baseline:\nmedian times, and the median of the ratios of the pairs\n`);
// The build just wrote dist/: flushed first, so that its write-back does not land in the
// start-up timings. Start-ups are short and this machine's speed drifts: 40 pairs each.
settle();
const node0 = [process.execPath, '-e', '0'];
report('ostrom-ready --help  vs  node -e 0', timePair([process.execPath, bin, '--help'], node0, RUNS * 8), 1.3);
const example = path.join(root, 'examples', 'riverside-middle.answers.yaml');
report('ostrom-ready report ONE_FILE  vs  node -e 0', timePair([process.execPath, bin, 'report', example], node0, RUNS * 8), 2);


const small = path.join(tmp, 'batch');
makeFiles(small, FILES);
settle();
const floor = [process.execPath, floorScript, small];
report(`score --json of ${FILES} files  vs  floor`, timePair([process.execPath, bin, 'score', '--json', small], floor, 3), 0.65);
// Each timed run writes into a new, empty folder, and none is deleted until the timings are
// done (with little free disk, until its group is timed; see makeRoom). On this machine's
// disk (ext4 without a journal) creating a file right after many were deleted costs up to
// ten times as much, as the kernel passes over the freed inodes one by one (find_inode_bit,
// recently_deleted): 10,000 files took 1.5 to 3.2 s straight after a run had deleted its
// 7 GB, and 0.4 to 0.5 s three and a half minutes later. Emptying one folder before each
// run would charge the tool for the benchmark's own clean-up.
const reportFolders = [];
// Keeping every folder needs about 7 GB. With less free space than 10 GB, each group's folders
// are deleted once it is timed, and the next group waits 40 s for the disk to settle.
const { bavail, bsize } = statfsSync(tmp);
const roomy = bavail * bsize > 10 * 1024 ** 3;
function makeRoom() {
  if (roomy) return;
  for (const folder of reportFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
  spawnSync('sleep', ['40']);
}
/**
 * Like timePair, for a command given a new reports folder for each run: `argsFor(folder)`.
 * Returns what timePair does, and the last folder written. Five runs each: this machine's
 * disk has slow spells of several seconds, which the floor (it only reads) does not see, and
 * the median of three was sometimes caught by one.
 */
function timeReports(argsFor, runs = 5) {
  const a = [];
  const b = [];
  const run = () => {
    reportFolders.push(path.join(tmp, `reports-${reportFolders.length + 1}`));
    mkdirSync(reportFolders.at(-1));
    settle();
    return once(argsFor(reportFolders.at(-1)));
  };
  run(); // warm the file cache
  once(floor);
  for (let i = 0; i < runs; i++) {
    a.push(run());
    b.push(once(floor));
  }
  return { ...paired(a, b), folder: reportFolders.at(-1) };
}
const scoreReports = (extra = []) => (dir) => [process.execPath, bin, 'score', '--json', ...extra, '--reports', dir, small];
const reportsTiming = timeReports(scoreReports());
report(`score --reports of ${FILES} files  vs  floor`, reportsTiming, 0.9);
// For reference, not a goal: what two parts of that cost on this machine alone.
{
  const sizes = readdirSync(reportsTiming.folder).map((f) => statSync(path.join(reportsTiming.folder, f)).size);
  const average = Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length));
  const writeScript = path.join(tmp, 'write-floor.mjs');
  writeFileSync(writeScript, `// Write ${FILES} files of ${average} bytes as score does: a temporary file, then a rename.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
const dir = process.argv[2];
const bytes = Buffer.alloc(${average}, 'x');
for (let i = 0; i < ${FILES}; i++) {
  const temp = dir + '/.r' + i + '.tmp';
  const fd = openSync(temp, 'wx', 0o644);
  writeSync(fd, bytes);
  closeSync(fd);
  renameSync(temp, dir + '/r' + i + '.report.md');
}
`);
  makeRoom();
  const writing = timeReports((dir) => [process.execPath, writeScript, dir]);
  console.log(`  of which creating ${FILES} files of ${(average / 1024).toFixed(0)} KiB alone takes ${writing.ms.toFixed(0)} ms here (${writing.ratio.toFixed(2)}x the floor)`);
  // The main thread alone, and two workers, for reference.
  for (const jobs of ['1', '2']) {
    makeRoom();
    const timing = timeReports(scoreReports(['--jobs', jobs]));
    console.log(`  with --jobs ${jobs} score --reports takes ${timing.ms.toFixed(0)} ms (${timing.ratio.toFixed(2)}x the floor; the pairs: ${timing.ratios.map((r) => r.toFixed(2)).join(' ')})`);
  }
}
for (const folder of reportFolders) rmSync(folder, { recursive: true, force: true }); // the timings are done

const peakSmall = peakMemory([process.execPath, bin, 'score', '--json', small]);
let peakLarge = null;
if (LARGE > 0) {
  const large = path.join(tmp, 'large');
  makeFiles(large, LARGE);
  peakLarge = peakMemory([process.execPath, bin, 'score', '--json', large]);
}
if (peakSmall !== null) {
  console.log(`peak memory, score --json of ${FILES} files: ${peakSmall.toFixed(0)} MiB (goal under 150 MiB) ${peakSmall < 150 ? 'ok' : 'MISSED'}`);
  if (peakLarge !== null) {
    const ratio = peakLarge / peakSmall;
    console.log(`peak memory, score --json of ${LARGE} files: ${peakLarge.toFixed(0)} MiB = ${ratio.toFixed(2)}x the ${FILES}-file peak (goal: the same, within 1.15x) ${ratio <= 1.15 ? 'ok' : 'MISSED'}`);
  }
} else {
  console.log('peak memory: /usr/bin/time is not installed (apt-get install time)');
}

