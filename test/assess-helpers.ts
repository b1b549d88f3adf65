// Shared by the assess tests: a stream that stands in for a terminal, a user's questionnaire
// file, and loading the answers file assess saved.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { loadAnswersFile } from '../src/load/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import type { Answers } from '../src/schemas/answers.js';
import { FIXTURES } from './helpers.js';

/** An 80-column terminal's output, kept as text. */
export class TerminalCapture extends Writable {
  text = '';
  columns = 80;
  isTTY = true;
  override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
  /** What a person would read, as one line of words. */
  get words(): string {
    return stripVTControlCharacters(this.text).replace(/\s+/g, ' ');
  }
}

/** The mini questionnaire as a user's own file, with help on its first question. */
export function questionnaireWithHelp(dir: string): string {
  const file = path.join(dir, 'my-questionnaire.yaml');
  const text = readFileSync(path.join(FIXTURES, 'mini.yaml'), 'utf8')
    .replace('{ id: alpha-one, text: Alpha one. }', '{ id: alpha-one, text: Alpha one., help: "Count the budgets you share." }');
  if (!text.includes('Count the budgets')) throw new Error('the fixture changed: alpha-one no longer matches');
  writeFileSync(file, text);
  return file;
}

/** The answers in a saved file, which must load. */
export function loadAnswers(file: string, questionnaire?: string): Answers {
  const loaded = loadAnswersFile(file, loadRegistry({ questionnaire }));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.value.answers;
}
