// Arrow-key menus with @inquirer/prompts, behind the Prompter interface. The only module
// that imports @inquirer/prompts: everything else talks to a Prompter, so that --plain and
// the tests can stand in for it.
import { confirm, input, select, Separator } from '@inquirer/prompts';
import { Chalk } from 'chalk';
import { wrap } from '../render/terminal.js';
import { columnsOf, InterruptedError, textWidth, type ConfirmRequest, type InputRequest, type Prompter, type SelectRequest } from './prompter.js';

export interface MenuPrompterOptions {
  /** Where keys come from; standard input when not given. */
  input?: NodeJS.ReadableStream;
  /** Where the prompts are drawn. */
  output: NodeJS.WritableStream;
  color: boolean;
  /** Aborted on SIGINT outside a prompt: the next prompt stops at once. */
  signal?: AbortSignal;
}

const same = (text: string) => text;

/** Inquirer's look without colour or bold: the cursor and the ✔ still carry the meaning. */
const NO_COLOUR_THEME = {
  prefix: { idle: '?', done: '✔' },
  style: {
    answer: same,
    message: same,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: same,
    highlight: same,
    key: (text: string) => `<${text}>`,
    description: same,
    disabled: same,
    keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
  },
};

/** Inquirer's errors for Ctrl-C and a closed terminal become one error the interview knows. */
async function interruptible<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt();
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw new InterruptedError();
    throw error;
  }
}

export function createMenuPrompter(options: MenuPrompterOptions): Prompter {
  const context = { output: options.output, ...(options.input ? { input: options.input } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const theme = options.color ? {} : NO_COLOUR_THEME;
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const columns = () => columnsOf(options.output);
  // Inquirer breaks long lines mid-word; wrap at word boundaries first, continuation lines
  // indented under the text that follows the "? " prefix.
  const lineWidth = () => textWidth(columns());
  const message = (text: string) => wrap(text, lineWidth(), '  ').replace(/^ {2}/, '');
  return {
    mode: 'menu',
    get columns() { return columns(); },

    async select<Value>(request: SelectRequest<Value>): Promise<Value> {
      const choices: (Separator | { value: Value; name: string })[] = [];
      let lines = 0;
      for (const choice of request.choices) {
        if (choice.separatorBefore) {
          choices.push(new Separator(' '));
          lines++;
        }
        // Wrapped by word under the label's first letter, after "❯ 1. ".
        const name = wrap(choice.label, lineWidth() - 5, '     ', '');
        choices.push({ value: choice.value, name });
        lines += name.split('\n').length;
      }
      const text = message(request.message);
      const header = request.header === undefined ? '' : `${c.dim(message(request.header))}\n  `;
      const value = await interruptible(() => select<Value>({
        message: header + text,
        choices,
        default: request.default,
        // Every choice on one screen (the page is counted in lines), no wrapping round: Up
        // from the top stays on the top.
        pageSize: lines,
        loop: false,
        theme: { ...theme, indexMode: 'number' },
      }, { ...context, clearPromptOnDone: true }));
      // The menu is cleared and the choice written out by hand, so that a choice with an
      // empty short text (help, back) leaves nothing behind.
      const chosen = request.choices.find((choice) => Object.is(choice.value, value));
      const short = chosen?.short ?? chosen?.label ?? '';
      if (short !== '') {
        // The answer after the text if it fits on the last line, else on a line of its own:
        // never broken in the middle of a word by the terminal.
        const last = text.split('\n').pop() ?? '';
        const fits = [...`✔ ${last} ${short}`].length <= lineWidth();
        options.output.write(`${c.green('✔')} ${c.bold(text)}${fits ? ' ' : '\n  '}${c.cyan(short)}\n`);
      }
      return value;
    },

    input(request: InputRequest): Promise<string> {
      return interruptible(() => input({
        message: message(request.message),
        ...(request.default !== undefined && request.default !== '' ? { default: request.default } : {}),
        required: request.required ?? false,
        theme,
      }, context));
    },

    confirm(request: ConfirmRequest): Promise<boolean> {
      return interruptible(() => confirm({ message: message(request.message), default: request.default, theme }, context));
    },

    print(text: string): void {
      options.output.write(`${text}\n`);
    },

    close(): void {
      // Each inquirer prompt opens and closes its own readline; nothing is held between them.
    },
  };
}
