// --plain: the interview line by line with node:readline, for screen readers and for
// terminals where arrow-key menus misbehave (Git Bash's mintty, some PowerShell set-ups).
// Choices are typed: a number, or a letter such as d (don't know), ? (help), b (back).
import readline from 'node:readline';
import { wrap } from '../render/terminal.js';
import { columnsOf, InterruptedError, textWidth, type ConfirmRequest, type InputRequest, type PromptChoice, type Prompter, type SelectRequest } from './prompter.js';

export interface PlainPrompterOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /**
   * Raw mode with line editing, where Ctrl-C arrives as a key rather than a signal.
   * Default: whether the input is a terminal.
   */
  terminal?: boolean;
  /** Aborted on SIGINT (a terminal in cooked mode sends Ctrl-C as a signal). */
  signal?: AbortSignal;
}

/** Each choice with what is typed for it: its letter, or its number among the unlettered ones. */
function keyed<Value>(choices: readonly PromptChoice<Value>[]): { key: string; choice: PromptChoice<Value> }[] {
  let n = 0;
  return choices.map((choice) => ({ key: choice.key ?? String(++n), choice }));
}

/** "1-5, d, ? or b" */
function keysText(keys: readonly string[]): string {
  const numbers = keys.filter((k) => /^\d+$/.test(k));
  const letters = keys.filter((k) => !/^\d+$/.test(k));
  const parts = [numbers.length > 1 ? `${numbers[0]}-${numbers[numbers.length - 1]}` : numbers[0], ...letters].filter((x): x is string => !!x);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}` : parts[0] ?? '';
}

export function createPlainPrompter(options: PlainPrompterOptions): Prompter {
  const terminal = options.terminal ?? !!(options.input as { isTTY?: boolean }).isTTY;
  const rl = readline.createInterface({ input: options.input, output: options.output, terminal, historySize: 0 });
  // Lines typed ahead of their prompt wait here, so that nothing typed is lost.
  const typedAhead: string[] = [];
  let waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | null = null;
  let stopped = false;
  const stop = () => {
    stopped = true;
    const w = waiting;
    waiting = null;
    w?.reject(new InterruptedError());
  };
  rl.on('line', (line) => {
    const w = waiting;
    if (w) {
      waiting = null;
      w.resolve(line);
    } else {
      typedAhead.push(line);
    }
  });
  rl.on('SIGINT', stop);
  rl.on('close', stop);
  if (options.signal?.aborted) stopped = true;
  options.signal?.addEventListener('abort', stop, { once: true });
  let lastChoices = '';

  const write = (text: string) => { options.output.write(`${text}\n`); };
  const width = () => textWidth(columnsOf(options.output));

  const readLine = (prompt: string): Promise<string> => {
    if (stopped && !typedAhead.length) return Promise.reject(new InterruptedError());
    rl.setPrompt(prompt);
    rl.prompt();
    const ahead = typedAhead.shift();
    if (ahead !== undefined) {
      // Not echoed by the terminal while no prompt was showing: show what is being used.
      if (!terminal) options.output.write('\n');
      return Promise.resolve(ahead);
    }
    return new Promise((resolve, reject) => { waiting = { resolve, reject }; });
  };

  return {
    mode: 'plain',
    get columns() { return columnsOf(options.output); },

    async select<Value>(request: SelectRequest<Value>): Promise<Value> {
      const options_ = keyed(request.choices);
      const fallback = options_.find((o) => Object.is(o.choice.value, request.default)) ?? options_[0]!;
      write('');
      if (request.header !== undefined) write(wrap(request.header, width()));
      write(wrap(request.message, width()));
      // The full list the first time; when the same choices come again (question after
      // question), one line, so that a screen reader is not read the scale every time.
      const signature = options_.map((o) => `${o.key} ${o.choice.label}`).join('\n');
      if (signature !== lastChoices) {
        for (const o of options_) write(`  ${o.key.padStart(2)}  ${o.choice.label}`);
      } else {
        write(wrap(`(${options_.map((o) => `${o.key} ${o.choice.label}`).join(', ')})`, width()));
      }
      lastChoices = signature;
      const prompt = `Type ${keysText(options_.map((o) => o.key))}; Enter for ${fallback.key} (${fallback.choice.short ?? fallback.choice.label}): `;
      for (;;) {
        const typed = (await readLine(prompt)).trim().toLowerCase();
        if (typed === '') return fallback.choice.value;
        const found = options_.find((o) => o.key.toLowerCase() === typed)
          ?? options_.find((o) => o.choice.label.toLowerCase() === typed);
        if (found) return found.choice.value;
        write(`"${typed}" is not one of the choices. Type ${keysText(options_.map((o) => o.key))}.`);
      }
    },

    async input(request: InputRequest): Promise<string> {
      const hint = request.default ? ` [${request.default}]` : '';
      for (;;) {
        const typed = await readLine(`${request.message}${hint} `);
        if (typed.trim() !== '') return typed;
        if (request.default) return request.default;
        if (!request.required) return '';
        write('Please type an answer.');
      }
    },

    async confirm(request: ConfirmRequest): Promise<boolean> {
      for (;;) {
        const typed = (await readLine(`${request.message} (${request.default ? 'Y/n' : 'y/N'}) `)).trim().toLowerCase();
        if (typed === '') return request.default;
        if (['y', 'yes'].includes(typed)) return true;
        if (['n', 'no'].includes(typed)) return false;
        write('Please type y or n.');
      }
    },

    print: write,

    close(): void {
      options.signal?.removeEventListener('abort', stop);
      rl.removeListener('close', stop);
      rl.close();
    },
  };
}
