// What the interview needs from a terminal, so that the same flow runs with arrow-key menus
// (prompts.ts), line by line (plain.ts), or driven by a test.

export interface PromptChoice<Value> {
  value: Value;
  /** What the person sees. */
  label: string;
  /** Shown after the choice is made, instead of the label. */
  short?: string;
  /** With --plain: the letter typed for this choice (d, ?, b); choices without one are numbered. */
  key?: string;
  /** Draw a line above this choice in the menu, to set it apart from the scale. */
  separatorBefore?: boolean;
}

export interface SelectRequest<Value> {
  /** A line above the message while it is asked (where one is); not kept once answered. */
  header?: string;
  message: string;
  choices: readonly PromptChoice<Value>[];
  /** Where the cursor starts, and what Enter alone gives with --plain. Always a real answer. */
  default: Value;
}

export interface InputRequest {
  message: string;
  /** Given back when Enter is pressed on an empty line. */
  default?: string;
  /** Ask again until something is typed. */
  required?: boolean;
}

export interface ConfirmRequest {
  message: string;
  default: boolean;
}

export interface Prompter {
  readonly mode: 'menu' | 'plain';
  /** The width to wrap printed text to. */
  readonly columns: number;
  select<Value>(request: SelectRequest<Value>): Promise<Value>;
  input(request: InputRequest): Promise<string>;
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** Text between prompts (introductions, progress, help), followed by a new line. */
  print(text: string): void;
  /** Let go of the terminal (raw mode, listeners) so that the process can end. */
  close(): void;
}

/** Ctrl-C (or the end of input) at a prompt: the command saves nothing more and exits 130. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(message = 'interrupted') {
    super(message);
  }
}

/** How wide text is wrapped: the terminal's width, but never wider than 100 columns. */
export const textWidth = (columns: number): number => Math.min(columns, 100) - 1;

/** Columns of a stream when it is a terminal; 80 otherwise. */
export function columnsOf(stream: unknown): number {
  const columns = (stream as { columns?: unknown } | undefined)?.columns;
  return typeof columns === 'number' && columns > 0 ? columns : 80;
}
