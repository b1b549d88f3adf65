// `assess`: the interactive self-assessment. This file holds what touches the process (the
// terminal check, signals, exit codes, the line printed on Ctrl-C); the interview is in
// src/interview/.
import { createPlainPrompter } from '../interview/plain.js';
import type { Prompter } from '../interview/prompter.js';
import { runSession, type SessionOptions } from '../interview/session.js';
import { colourWanted } from '../render/terminal.js';
import { EXIT, openRegistry, printDiagnostics, type GlobalOptions, type Io } from './context.js';

export interface AssessOptions extends SessionOptions {
  plain?: boolean | undefined;
}

export interface AssessTerminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where the interview is drawn: standard error, so that standard output keeps the summary. */
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Standard output is a terminal (colour in the summary). */
  stdoutIsTTY: boolean;
  cwd: string;
  /** YYYY-MM-DD */
  today: string;
  /** Tests: a prompter to use instead of one made on the terminal. */
  prompter?: Prompter;
  /** Listen for SIGINT between prompts (the real process only). */
  handleSignals?: boolean;
}

/** Today's date where the person is, YYYY-MM-DD. */
export function localDate(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

export function processTerminal(): AssessTerminal {
  return {
    input: process.stdin,
    output: process.stderr,
    stdoutIsTTY: !!process.stdout.isTTY,
    cwd: process.cwd(),
    today: localDate(),
    handleSignals: true,
  };
}

export const NO_TERMINAL_MESSAGE = [
  'ostrom-ready: error: assess asks its questions in an interactive terminal, and standard input is not one.',
  'To answer without a terminal, write a blank answers file, fill it in, then write its report:',
  '  ostrom-ready template -o answers.yaml',
  '  ostrom-ready report answers.yaml -o report.md',
  '',
].join('\n');

/** A word as typed in a shell: quoted only when it needs to be. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that carries on from where this run stopped. */
export function resumeCommand(answersFile: string | null, options: AssessOptions, globals: GlobalOptions): string {
  const words = ['ostrom-ready'];
  if (globals.questionnaire !== undefined) words.push('-q', globals.questionnaire);
  if (globals.questionnaires !== undefined) words.push('--questionnaires', globals.questionnaires);
  words.push('assess');
  if (answersFile !== null) words.push('--answers', answersFile);
  else {
    if (options.org !== undefined) words.push('--org', options.org);
    if (options.role !== undefined) words.push('--role', options.role);
  }
  if (options.report !== undefined) words.push('--report', options.report);
  if (options.plain) words.push('--plain');
  return words.map(shellWord).join(' ');
}

export async function runAssess(options: AssessOptions, globals: GlobalOptions, io: Io, terminal: AssessTerminal = processTerminal()): Promise<number> {
  if (!terminal.input.isTTY && !terminal.prompter) {
    io.stderr(NO_TERMINAL_MESSAGE);
    return EXIT.usage;
  }
  const { registry } = openRegistry(globals, io);
  const color = colourWanted(globals.color, terminal.output);
  // Ctrl-C reaches a prompt as a key; between prompts, as a signal: both stop the interview.
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  if (terminal.handleSignals) process.on('SIGINT', onSignal);
  const prompter = terminal.prompter ?? (options.plain
    ? createPlainPrompter({ input: terminal.input, output: terminal.output, signal: abort.signal })
    : (await import('../interview/prompts.js')).createMenuPrompter({ input: terminal.input, output: terminal.output, color, signal: abort.signal }));
  try {
    const outcome = await runSession(options, {
      prompter,
      registry,
      cwd: terminal.cwd,
      today: terminal.today,
      color,
      summaryColor: colourWanted(globals.color, { isTTY: terminal.stdoutIsTTY }),
      stdout: io.stdout,
    });
    switch (outcome.kind) {
      case 'invalid':
        printDiagnostics(io, outcome.diagnostics);
        return EXIT.invalid;
      case 'interrupted':
        io.stderr(outcome.answersFile !== null
          ? `\nStopped. ${outcome.answered} of ${outcome.total} answered, saved in ${outcome.answersFile}. To carry on: ${resumeCommand(outcome.answersFile, options, globals)}\n`
          : `\nStopped before anything was saved. To start again: ${resumeCommand(null, options, globals)}\n`);
        return EXIT.interrupted;
      case 'done':
      default:
        return EXIT.ok;
    }
  } finally {
    prompter.close();
    if (terminal.handleSignals) process.removeListener('SIGINT', onSignal);
  }
}
