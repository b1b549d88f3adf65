// `template`: a blank answers file to fill in with a text editor (every question id with
// null, its text, help and the scale as comments above it), or with --printable a paper form
// in Markdown. The questionnaire is the global -q (default ostrom-four-conditions).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';
import { answersYaml, commentLines } from '../render/answers-yaml.js';
import { inline, paragraphs } from '../render/markdown.js';
import { answersJsonSchemaFor, schemaText } from '../schemas/json-schema.js';
import type { Questionnaire } from '../schemas/questionnaire.js';
import { writeFilesAtomic } from '../util/write.js';
import { EXIT, openRegistry, type GlobalOptions, type Io } from './context.js';

export interface TemplateOptions {
  output?: string | undefined;
  org?: string | undefined;
  role?: string | undefined;
  printable?: boolean;
  force?: boolean;
}

/** Stands in for the organisation until someone types it; the file still loads. */
export const ORGANISATION_PLACEHOLDER = 'Your organisation';

/**
 * The schema an editor uses for a template: a file beside it that knows this questionnaire's
 * ids and labels. A relative path, so that a folder of forms can be moved or shared whole
 * (the YAML language server resolves it against the answers file).
 */
export function schemaFileName(q: Pick<Questionnaire, 'id' | 'version'>): string {
  return `${q.id}.v${q.version}.schema.json`;
}

export function templateYaml(q: Questionnaire, options: Pick<TemplateOptions, 'org' | 'role'> = {}): string {
  const header = [
    `# yaml-language-server: $schema=./${schemaFileName(q)}`,
    ...commentLines(`${q.title} (questionnaire ${q.id}, version ${q.version})`),
    ...commentLines(`For: ${q.audience}`),
    '#',
    ...commentLines(q.description),
    '#',
    ...commentLines('How to fill this in: after each question id below, replace null with your answer: a number from the scale, or its words (for example Agree), or dont-know. Leave null where you have not answered yet. Lines that start with # are notes for you; leave them as they are. When you have finished, run: ostrom-ready report THIS-FILE.yaml'),
  ];
  const roles = q.roles?.length ? `one of ${q.roles.join(', ')}, or your own words` : 'your role, in your own words';
  return answersYaml(q, { organisation: options.org ?? ORGANISATION_PLACEHOLDER, scope: null, name: null, role: options.role ?? null, date: null }, {}, {
    header,
    annotate: true,
    remarks: {
      organisation: options.org === undefined ? 'required: replace with the organisation you are assessing' : 'required',
      scope: 'optional: the service or area you are answering about, in quotes',
      name: 'optional, personal data: shown only in your own report, or in group reports with --named',
      role: `optional: ${roles}`,
      date: 'optional: the date you answer, as YYYY-MM-DD',
    },
  });
}

const LINE = '\\_'.repeat(50);

/** A paper form: tick boxes, the questions in the audience's own words, nothing wider than an A4 page. */
export function printableForm(q: Questionnaire, options: Pick<TemplateOptions, 'org' | 'role'> = {}): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  // No-break spaces keep each box with its label when a line wraps.
  const box = (label: string, ticked = false) => `${ticked ? '☒' : '☐'}\u00a0${inline(label).replace(/ /g, '\u00a0')}`;
  const options_ = [...q.scale.options.map((o) => o.label), ...(q.scale.dontKnow ? ["Don't know"] : [])];
  push(`# ${inline(q.title)}`, '');
  push(...paragraphs(q.description).flatMap((p) => [p, '']));
  push(`**Organisation or service:** ${options.org !== undefined ? inline(options.org) : LINE}`, '');
  // "other" gets a line to write on, whether or not the questionnaire lists it.
  const roles = (q.roles ?? []).filter((r) => r.toLowerCase() !== 'other');
  const givenRole = options.role?.trim().toLowerCase();
  const known = roles.some((r) => r.toLowerCase() === givenRole);
  const other = givenRole !== undefined && !known;
  const writeIn = other && givenRole !== 'other' ? inline(options.role!) : '\\_'.repeat(20);
  push(`**You are** (tick one): ${[...roles.map((r) => box(r, r.toLowerCase() === givenRole)), `${box('other', other)}: ${writeIn}`].join('  ')}`, '');
  push(`**Date:** ${'\\_'.repeat(20)}`, '');
  push(`**Your name** (you can leave this blank): ${'\\_'.repeat(30)}`, '');
  push(`Tick one box for each statement. If you are not sure, tick *Don't know*.`, '');
  let number = 0;
  const key: string[] = [];
  q.conditions.forEach((condition, ci) => {
    push(`## ${ci + 1}. ${inline(condition.title)}`, '');
    for (const question of condition.questions) {
      number++;
      key.push(`${number}\u00a0=\u00a0\`${question.id}\``);
      push(`**${number}.** ${inline(question.text)}`, '');
      if (question.help) push(`*${inline(question.help)}*`, '');
      push(options_.map((label) => box(label)).join('   '), '');
    }
    push(`Anything you want to add about this part:`, '', LINE, '', LINE, '');
  });
  push('---', '');
  push(`*For the person typing up this form:* it is questionnaire \`${q.id}\` version ${q.version}. Type each answer as the words ticked, or as a number (${q.scale.options.map((o) => `${o.value}\u00a0=\u00a0${inline(o.label)}`).join(', ')}), or dont-know; \`ostrom-ready import\` reads a spreadsheet with one row per form and a column per question, headed by the question or its id: ${key.join(', ')}.`, '');
  return out.join('\n');
}

export function runTemplate(options: TemplateOptions, globals: GlobalOptions, io: Io): number {
  const { registry, invalid } = openRegistry(globals, io);
  const q = registry.current().questionnaire;
  if (options.org !== undefined && options.org.trim() === '') throw new UsageError('--org needs a name');
  const text = options.printable ? printableForm(q, options) : templateYaml(q, options);
  if (!options.output) {
    io.stdout(text);
    if (!options.printable) io.stderr(`ostrom-ready: note: for an editor to check this file as it is typed, save the schema beside it: ostrom-ready -q ${q.id} schema answers > ${schemaFileName(q)}\n`);
  } else {
    const files = [{ file: options.output, content: text }];
    if (!options.printable) {
      // The schema beside the file; the same content already there is left alone.
      const schemaFile = path.join(path.dirname(options.output), schemaFileName(q));
      const schema = schemaText(answersJsonSchemaFor(q));
      let existing: string | undefined;
      try { existing = readFileSync(schemaFile, 'utf8'); } catch { existing = undefined; }
      if (existing !== schema) {
        if (existing !== undefined && !options.force) throw new UsageError(`${schemaFile} already exists with different content; use --force to overwrite it`);
        files.push({ file: schemaFile, content: schema });
      }
    }
    writeFilesAtomic(files, { overwrite: options.force });
    const written = files.map((f) => f.file);
    io.stderr(`Wrote ${written.join(' and ')}\n`);
  }
  if (!options.printable && options.org === undefined) io.stderr(`ostrom-ready: note: no --org given; replace "${ORGANISATION_PLACEHOLDER}" in the file with the organisation's name\n`);
  return invalid ? EXIT.invalid : EXIT.ok;
}
