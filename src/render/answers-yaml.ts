// Answers files written by the tool for people to read and edit: `template` (blank, with
// every question's text, help and scale as comments) and `import` (one per survey row).
// Built as text rather than with a YAML serialiser so that comments sit where a person
// filling the file in needs them; every value from outside goes through yamlString.
import { DONT_KNOW, type Answer } from '../schemas/answers.js';
import type { Questionnaire } from '../schemas/questionnaire.js';

const COMMENT_WIDTH = 88;

/**
 * A string as a YAML double-quoted scalar on one line: JSON escapes, plus the characters
 * YAML does not allow unescaped (C1 controls, the byte-order mark, line separators).
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text made safe for a YAML comment: one line per paragraph, no control characters. */
function commentSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\ufeff]/g, ' ');
}

/** Pieces of text on comment lines, a line broken only between pieces. */
function wrapPieces(pieces: readonly string[], separator: string, indent: string, prefix: string, continuation: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const piece of pieces) {
    const lead = out.length ? continuation : prefix;
    if (line && indent.length + lead.length + line.length + separator.length + piece.length > width) {
      out.push(`${indent}${lead}${line}`);
      line = piece;
    } else {
      line = line ? `${line}${separator}${piece}` : piece;
    }
  }
  if (line) out.push(`${indent}${out.length ? continuation : prefix}${line}`);
  return out;
}

/** Text as comment lines, wrapped at word boundaries; paragraphs kept apart. */
export function commentLines(text: string, indent = '', prefix = '# ', continuation = prefix, width = COMMENT_WIDTH): string[] {
  const paragraphs = text.split(/\r?\n\s*\r?\n|\r/).map((p) => commentSafe(p).replace(/\s+/g, ' ').trim()).filter(Boolean);
  return paragraphs.flatMap((paragraph, i) => [
    ...(i > 0 ? [`${indent}#`] : []),
    ...wrapPieces(paragraph.split(' '), ' ', indent, prefix, continuation, width),
  ]);
}

/** The scale as comment lines: "0 Strongly disagree | 1 Disagree | ... | dont-know", never breaking inside an option. */
export function scaleLines(q: Questionnaire, indent = '', prefix = '# ', width = COMMENT_WIDTH): string[] {
  const options = [...q.scale.options.map((o) => `${o.value} ${commentSafe(o.label)}`), ...(q.scale.dontKnow ? [DONT_KNOW] : [])];
  // The separator stays at the end of a line that breaks, so the scale reads on.
  const pieces = options.map((o, i) => (i < options.length - 1 ? `${o} |` : o));
  return wrapPieces(pieces, ' ', indent, prefix, prefix, width);
}

export interface AnswersYamlFields {
  organisation: string;
  scope?: string | null;
  name?: string | null;
  role?: string | null;
  date?: string | null;
}

export interface AnswersYamlOptions {
  /** Comment lines at the very top (the schema pointer, where the file came from). */
  header?: string[];
  /** Each question's text, help and the scale as comments above it (template). */
  annotate?: boolean;
  /** A short comment after a field or an answer, keyed by field name or question id. */
  remarks?: Record<string, string>;
}

function answerText(answer: Answer | undefined): string {
  if (answer === null || answer === undefined) return 'null';
  return answer === DONT_KNOW ? DONT_KNOW : String(answer);
}

export function answersYaml(q: Questionnaire, fields: AnswersYamlFields, answers: Record<string, Answer>, options: AnswersYamlOptions = {}): string {
  const remarks = options.remarks ?? {};
  const remark = (key: string) => (remarks[key] ? `  # ${commentSafe(remarks[key]!).replace(/\s+/g, ' ').trim()}` : '');
  const scalar = (value: string | null | undefined) => (value === null || value === undefined ? 'null' : yamlString(value));
  const out: string[] = [...(options.header ?? [])];
  out.push(`questionnaire: ${q.id}`);
  out.push(`version: ${q.version}`);
  out.push(`organisation: ${yamlString(fields.organisation)}${remark('organisation')}`);
  out.push(`scope: ${scalar(fields.scope)}${remark('scope')}`);
  out.push('respondent:');
  out.push(`  name: ${scalar(fields.name)}${remark('name')}`);
  out.push(`  role: ${scalar(fields.role)}${remark('role')}`);
  out.push(`date: ${fields.date ?? 'null'}${remark('date')}`);
  out.push('answers:');
  let number = 0;
  for (const condition of q.conditions) {
    if (options.annotate) out.push('', ...commentLines(`${condition.title} (${condition.id})`, '  ', '# == '));
    else out.push(`  # ${condition.id}`);
    for (const question of condition.questions) {
      number++;
      if (options.annotate) {
        const hang = `# ${' '.repeat(String(number).length + 2)}`;
        out.push('', ...commentLines(`${number}. ${question.text}`, '  ', '# ', hang));
        if (question.help) out.push(...commentLines(`Help: ${question.help}`, '  ', hang, hang));
        out.push(...scaleLines(q, '  ', hang));
      }
      out.push(`  ${question.id}: ${answerText(answers[question.id])}${remark(question.id)}`);
    }
  }
  if (options.annotate) {
    // A place for a note on each condition; a note on one question can be added the same way, under its id.
    out.push('', 'notes:', ...commentLines('Optional: a note on each condition in your own words, in quotes, instead of null. A note on one question can go here too, under its id.', '  '));
    for (const condition of q.conditions) out.push(`  ${condition.id}: null`);
  }
  return `${out.join('\n')}\n`;
}
