// The executable's entry point.
import { main } from './program.js';

// Output piped into `head` or a pager that quits early: stop quietly, not with a stack trace.
const stopOnEpipe = (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
};
process.stdout.on('error', stopOnEpipe);
// Node makes process.stderr on first use, and making it (a pipe or a terminal stream) costs a
// few milliseconds that `--help` and `report` never need: its handler is added then, whoever
// uses it first (this code, commander or the prompts).
const makeStderr = Object.getOwnPropertyDescriptor(process, 'stderr')?.get;
if (makeStderr) {
  let guarded = false;
  Object.defineProperty(process, 'stderr', {
    configurable: true,
    enumerable: true,
    get() {
      const stream = makeStderr.call(process) as NodeJS.WriteStream;
      if (!guarded) {
        guarded = true;
        stream.on('error', stopOnEpipe);
      }
      return stream;
    },
  });
} else {
  process.stderr.on('error', stopOnEpipe);
}

// Not awaited at the top level: the bundle of this entry is CommonJS (scripts/bundle.mjs).
void main(process.argv);
