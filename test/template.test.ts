// template: the blank answers file loads, carries every question with its text, help and
// scale as comments, reports once filled in, points at a schema that knows the
// questionnaire; --printable is a paper form with every question of the chosen questionnaire.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printableForm, runTemplate, templateYaml, type TemplateOptions } from '../src/commands/template.js';
import type { GlobalOptions } from '../src/commands/context.js';
import { parseAnswers } from '../src/load/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import { renderReport } from '../src/render/report.js';
import { answersJsonSchemaFor, schemaText } from '../src/schemas/json-schema.js';
import type { Questionnaire } from '../src/schemas/questionnaire.js';
import { assess } from '../src/score/score.js';
import { answersFor, BIN, captureIo, ROOT, tempDir } from './helpers.js';

const registry = loadRegistry();
const staff = registry.latest('ostrom-four-conditions')!.questionnaire;
const community = registry.latest('ostrom-four-conditions-community')!.questionnaire;
const questions = (q: Questionnaire) => q.conditions.flatMap((c) => c.questions);
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function template(options: TemplateOptions = {}, globals: GlobalOptions = {}) {
  const io = captureIo();
  const code = runTemplate(options, globals, io);
  return { code, out: io.out, err: io.err };
}
function load(text: string) {
  const r = parseAnswers('t.yaml', text, registry);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return r.value;
}

describe('the blank answers file', () => {
  it('starts with the schema pointer and loads as it is: every answer null', () => {
    const text = templateYaml(staff, { org: 'Anytown Borough Council', role: 'officer' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./ostrom-four-conditions.v1.schema.json');
    const loaded = load(text);
    expect(loaded.answers.organisation).toBe('Anytown Borough Council');
    expect(loaded.answers.respondent).toEqual({ name: null, role: 'officer' });
    expect(Object.keys(loaded.answers.answers)).toEqual(questions(staff).map((x) => x.id));
    expect(Object.values(loaded.answers.answers).every((a) => a === null)).toBe(true);
  });
  it('loads without --org too, with a placeholder to replace', () => {
    const r = template();
    expect(r.code).toBe(0);
    expect(load(r.out).answers.organisation).toBe('Your organisation');
    expect(r.err).toContain('replace "Your organisation"');
  });
  it('has each question id with null, and its text, help and the scale as comments above it', () => {
    const lines = templateYaml(staff).split('\n');
    for (const question of questions(staff)) {
      const at = lines.indexOf(`  ${question.id}: null`);
      expect(at, question.id).toBeGreaterThan(0);
      let start = at;
      while (lines[start - 1]!.trimStart().startsWith('#')) start--;
      const comments = flat(lines.slice(start, at).map((l) => l.replace(/^\s*#\s?/, '')).join(' '));
      expect(comments).toContain(flat(question.text));
      if (question.help) expect(comments).toContain(flat(question.help));
      expect(comments).toContain('0 Strongly disagree | 1 Disagree | 2 Neither agree nor disagree | 3 Agree | 4 Strongly agree | dont-know');
    }
  });
  it('once filled in by hand (numbers, labels, dont-know), gives the same report as the same answers written any other way', () => {
    const ids = questions(staff).map((x) => x.id);
    const values = ['3', 'Agree', 'dont-know', '0', 'strongly disagree', '4', '2', "Don't know"];
    const meaning: Record<string, number | 'dont-know'> = { 3: 3, Agree: 3, 'dont-know': 'dont-know', 0: 0, 'strongly disagree': 0, 4: 4, 2: 2, "Don't know": 'dont-know' };
    let text = templateYaml(staff, { org: 'Anytown Borough Council', role: 'officer' });
    const expected: Record<string, number | 'dont-know'> = {};
    ids.forEach((id, i) => {
      const v = values[i % values.length]!;
      text = text.replace(`  ${id}: null`, `  ${id}: ${v}`);
      expected[id] = meaning[v]!;
    });
    text = text.replace('date: null', 'date: 2026-11-20').replace('  commitment: null', '  commitment: "We are still learning."');
    const loaded = load(text);
    expect(loaded.answers.answers).toEqual(expected);
    const byHand = answersFor(staff, expected, { organisation: 'Anytown Borough Council', respondent: { name: null, role: 'officer' }, notes: { commitment: 'We are still learning.' } });
    expect(renderReport(assess(staff, loaded.answers))).toBe(renderReport(assess(staff, byHand)));
  });
  it('follows -q: the community questionnaire, its ids only', () => {
    const r = template({ role: 'resident' }, { questionnaire: 'ostrom-four-conditions-community' });
    const loaded = load(r.out);
    expect(loaded.questionnaire.id).toBe('ostrom-four-conditions-community');
    expect(Object.keys(loaded.answers.answers)).toEqual(questions(community).map((x) => x.id));
    expect(r.out).not.toContain('synergy-pooled-budgets');
    expect(r.out.split('\n')[0]).toBe('# yaml-language-server: $schema=./ostrom-four-conditions-community.v1.schema.json');
  });
  it('keeps an organisation name exactly, whatever it holds', () => {
    for (const org of ['123', 'yes', 'O\'Brien & "Sons": #1', 'Línea\u0085 two\u2028three', '- [a] | b']) {
      expect(load(templateYaml(staff, { org })).answers.organisation).toBe(org);
    }
  });
});

describe('-o and the schema beside it', () => {
  it('writes the file and a schema that knows the questionnaire; refuses to overwrite without --force', () => {
    const dir = tempDir();
    const file = path.join(dir, 'anytown.answers.yaml');
    expect(template({ output: file, org: 'Anytown' }).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['anytown.answers.yaml', 'ostrom-four-conditions.v1.schema.json']);
    expect(readFileSync(path.join(dir, 'ostrom-four-conditions.v1.schema.json'), 'utf8')).toBe(schemaText(answersJsonSchemaFor(staff)));
    writeFileSync(file, 'mine');
    expect(() => template({ output: file, org: 'Anytown' })).toThrow(/already exists; use --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    // A second template in the same folder shares the schema, which is left as it is.
    expect(template({ output: path.join(dir, 'second.answers.yaml'), org: 'Anytown' }).err).toBe('Wrote ' + path.join(dir, 'second.answers.yaml') + '\n');
    expect(template({ output: file, org: 'Anytown', force: true }).code).toBe(0);
    expect(load(readFileSync(file, 'utf8')).answers.organisation).toBe('Anytown');
  });
  it('refuses to replace a different schema file without --force', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ostrom-four-conditions.v1.schema.json'), '{}');
    expect(() => template({ output: path.join(dir, 'a.yaml'), org: 'A' })).toThrow(/different content; use --force/);
    expect(readdirSync(dir)).toEqual(['ostrom-four-conditions.v1.schema.json']);
  });
});

describe('--printable', () => {
  const form = printableForm(community, { role: 'resident' });
  it('has every question of the chosen questionnaire, in its own words, each with a row of tick boxes', () => {
    for (const question of questions(community)) expect(form).toContain(question.text.replace(/\s+/g, ' ').trim());
    for (const question of questions(staff).filter((x) => !questions(community).some((y) => y.id === x.id))) expect(form).not.toContain(question.text);
    const boxRows = form.split('\n').filter((l) => l.startsWith('☐\u00a0Strongly\u00a0disagree'));
    expect(boxRows).toHaveLength(questions(community).length);
    expect(boxRows[0]).toBe(['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree', "Don't know"].map((l) => `☐\u00a0${l.replace(/ /g, '\u00a0')}`).join('   '));
  });
  it('ticks the given role and fills in the organisation', () => {
    expect(form).toContain('☒\u00a0resident');
    expect(form).toContain('☐\u00a0carer');
    expect(printableForm(community, { org: 'Eastbrook Borough Council' })).toContain('**Organisation or service:** Eastbrook Borough Council');
  });
  it('fits an A4 page: no tables, nothing wider than 60 characters that cannot wrap', () => {
    expect(form).not.toMatch(/^\|/m);
    const runs = form.replace(/\\_/g, '_').split(/[ \n]+/);
    expect(runs.filter((r) => r.length > 60 && !/^_+$/.test(r))).toEqual([]);
    expect(Math.max(...runs.filter((r) => /^_+$/.test(r)).map((r) => r.length))).toBeLessThanOrEqual(50);
  });
  it('speaks to residents without the word the review calls a barrier', () => {
    expect(form).not.toMatch(/co-?production/i);
  });
  it('lists the question ids for whoever types the forms up', () => {
    for (const question of questions(community)) expect(form).toContain(`\`${question.id}\``);
  });
  it('is what the command prints', () => {
    expect(template({ printable: true, role: 'resident' }, { questionnaire: 'ostrom-four-conditions-community' }).out).toBe(form);
  });
});

describe('the command line', () => {
  it('template --help has an example; the blank file goes to standard output', () => {
    const help = spawnSync(process.execPath, [BIN, 'template', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Examples?:\n {2}\$ ostrom-ready template /);
    const r = spawnSync(process.execPath, [BIN, '-q', 'ostrom-four-conditions-community', 'template', '--org', 'Eastbrook'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(load(r.stdout).answers.organisation).toBe('Eastbrook');
    expect(r.stderr).toContain('schema answers > ostrom-four-conditions-community.v1.schema.json');
  });
});
