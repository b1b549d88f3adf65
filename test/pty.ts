// The built CLI in a real pseudo-terminal (@lydell/node-pty), for end-to-end tests.
import pty from '@lydell/node-pty';
import { stripVTControlCharacters } from 'node:util';
import { BIN } from './helpers.js';

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' } as const;

/** The test's environment without colour: answers are matched as plain text. */
function terminalEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'FORCE_COLOR') env[key] = value;
  return { ...env, NO_COLOR: '1' };
}

/** One run of the CLI in a pseudo-terminal of 80 columns. */
export class Terminal {
  private readonly process: pty.IPty;
  private text = '';
  /** Where the next search starts in `words`: everything before it has been matched. */
  private seen = 0;
  readonly exited: Promise<{ exitCode: number; signal?: number | undefined }>;

  constructor(args: string[], cwd: string) {
    this.process = pty.spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color', cols: 80, rows: 30, cwd,
      env: terminalEnv(),
    });
    this.process.onData((data) => { this.text += data; });
    this.exited = new Promise((resolve) => this.process.onExit(resolve));
  }

  /** Everything shown so far, without escape sequences, as one line of words. */
  get words(): string {
    return stripVTControlCharacters(this.text).replace(/\s+/g, ' ');
  }

  /** Wait until the output after the last match contains the text; the next search starts after it. */
  async waitFor(expected: string, timeout = 10_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      const at = this.words.indexOf(expected, this.seen);
      if (at !== -1) {
        this.seen = at + expected.length;
        return;
      }
      if (Date.now() - started > timeout) throw new Error(`timed out waiting for "${expected}"; the screen ended with:\n${stripVTControlCharacters(this.text).slice(-1500)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  type(keys: string): void {
    this.process.write(keys);
  }

  kill(): void {
    process.kill(this.process.pid, 'SIGKILL');
  }
}

