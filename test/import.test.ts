// import: survey exports to answers files. CSV details (quoted commas and new lines, a BOM,
// semicolons), headings by id or by either questionnaire's wording, values by number, label or
// don't know, blank cells, unmatched columns and cells reported with row and column, and
// imported files scoring exactly as hand-written ones.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedFileName, runImport, type ImportOptions } from '../src/commands/import.js';
import { runWorkshop } from '../src/commands/workshop.js';
import type { GlobalOptions } from '../src/commands/context.js';
import { UsageError } from '../src/load/diagnostics.js';
import { columnLetter, dateOrder, detectDelimiter, importCsv, isoDate } from '../src/load/import-csv.js';
import { loadAnswersFile } from '../src/load/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import { renderReport } from '../src/render/report.js';
import type { Answer } from '../src/schemas/answers.js';
import type { Questionnaire } from '../src/schemas/questionnaire.js';
import { assess } from '../src/score/score.js';
import { answersFor, captureIo, cli, ROOT, tempDir } from './helpers.js';

const registry = loadRegistry();
const staff = registry.latest('ostrom-four-conditions')!.questionnaire;
const community = registry.latest('ostrom-four-conditions-community')!.questionnaire;
const text = (q: Questionnaire, id: string) => q.conditions.flatMap((c) => c.questions).find((x) => x.id === id)!.text.replace(/\s+/g, ' ').trim();
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

function run(csvText: string, options: ImportOptions = {}, globals: GlobalOptions = {}) {
  const dir = tempDir();
  const csv = path.join(dir, 'export.csv');
  writeFileSync(csv, csvText);
  const outDir = options.outDir ?? path.join(dir, 'out');
  const io = captureIo();
  const code = runImport(csv, { ...options, outDir }, globals, io);
  const files = existsSync(outDir) ? readdirSync(outDir).sort() : [];
  const loaded = (name: string) => {
    const r = loadAnswersFile(path.join(outDir, name), registry);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    return r.value;
  };
  return { code, err: io.err, files, outDir, csv, loaded, read: (name: string) => readFileSync(path.join(outDir, name), 'utf8') };
}

describe('reading the CSV', () => {
  it('detects comma, semicolon or tab from the heading row, ignoring quoted ones', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('"When we plan, we ask";b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });
  it('reads quoted commas and new lines, and counts rows as a spreadsheet does', () => {
    const heading = text(staff, 'synergy-community-assets'); // has a comma in it
    expect(heading).toContain(',');
    const csv = `Organisation,${quoted(heading)},Anything else?,commitment-two-way\n`
      + `"Eastbrook, North",Agree,"Well, it is\nhard to say",3\n`
      + `Eastbrook,1,,Strongly agree\n`;
    const r = run(csv);
    expect(r.code).toBe(0);
    expect(r.files).toEqual(['eastbrook-north-row-2.answers.yaml', 'eastbrook-row-3.answers.yaml']);
    expect(r.loaded('eastbrook-north-row-2.answers.yaml').answers).toMatchObject({ organisation: 'Eastbrook, North', answers: { 'synergy-community-assets': 3, 'commitment-two-way': 3 } });
    expect(r.loaded('eastbrook-row-3.answers.yaml').answers.answers).toMatchObject({ 'synergy-community-assets': 1, 'commitment-two-way': 4 });
    expect(r.err).toMatch(/export\.csv:1:\d+: warning: column C \("Anything else\?"\) is neither a question/);
    // Positions are lines and columns of the text file: a cell after a two-line cell, and the next row.
    const problems = importCsv('Organisation,commitment-two-way\n"A\nB",Often\nC,Never\n', { target: staff }, {}).problems;
    expect(problems.map((p) => [p.line, p.column, p.message.slice(0, 13)])).toEqual([[3, 4, 'row 2, column'], [4, 3, 'row 3, column']]);
  });
  it('accepts a byte-order mark and semicolons (a European spreadsheet), with commas unquoted in the headings', () => {
    const csv = `\uFEFFOrganisation;Role;${text(staff, 'synergy-community-assets')};commitment-ask-first\r\nEastbrook;officer;3;2\r\n`;
    const r = run(csv);
    expect(r.code).toBe(0);
    const a = r.loaded('eastbrook-row-2.answers.yaml').answers;
    expect([a.organisation, a.respondent.role, a.answers['synergy-community-assets'], a.answers['commitment-ask-first']]).toEqual(['Eastbrook', 'officer', 3, 2]);
  });
  it('reports a CSV it cannot read, with the line, and writes nothing', () => {
    const r = run('Organisation,commitment-two-way\nEastbrook,"3\n', { org: 'X' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/export\.csv:\d+:1: error: the file cannot be read as CSV: Quote Not Closed/);
    expect(r.files).toEqual([]);
  });
  it('numbers rows as a spreadsheet shows them: a blank line is an empty row, a row of empty cells is skipped', () => {
    const r = importCsv('commitment-two-way,commitment-ask-first\n3,3\n\n4,4\n,\n1,1\n', { target: staff }, { org: 'X' });
    expect(r.rows.map((x) => x.row)).toEqual([2, 4, 6]);
  });
  it('numbers columns as spreadsheets do', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('matching headings', () => {
  it('by id, or by question text ignoring case, spacing, typographic quotes and a final full stop', () => {
    const t = text(staff, 'synergy-both-expertise'); // "...residents' own experience..."
    const messy = `  ${t.toUpperCase().replace(/'/g, '\u2019').replace(/ /g, '   ').replace(/\.$/, '')}  `;
    const r = importCsv(`COMMITMENT-TWO-WAY,${quoted(messy)}\n3,4\n`, { target: staff, partner: community }, { org: 'X' });
    expect(r.columns.map((c) => c.question?.id)).toEqual(['commitment-two-way', 'synergy-both-expertise']);
    expect(r.problems).toEqual([]);
  });
  it('takes the community wording as the community questionnaire, unless -q chose one', () => {
    const csv = `${quoted(text(community, 'commitment-two-way'))},${quoted(text(community, 'commitment-ask-first'))}\n3,1\n`;
    const auto = importCsv(csv, { target: staff, partner: community }, { org: 'X' });
    expect(auto.questionnaire.id).toBe('ostrom-four-conditions-community');
    expect(auto.rows[0]!.answers).toMatchObject({ 'commitment-two-way': 3, 'commitment-ask-first': 1 });
    const chosen = importCsv(csv, { target: staff, partner: community, chosen: true }, { org: 'X' });
    expect(chosen.questionnaire.id).toBe('ostrom-four-conditions');
    expect(chosen.rows[0]!.answers).toMatchObject({ 'commitment-two-way': 3, 'commitment-ask-first': 1 });
  });
  it('reads Google Forms grid headings and SurveyMonkey\'s second heading row', () => {
    const google = importCsv(`Timestamp,How much do you agree? [${text(community, 'commitment-two-way')}]\n2026/11/18 10:01:02,Agree\n`, { target: staff, partner: community }, { org: 'X' });
    expect(google.rows[0]).toMatchObject({ date: '2026-11-18', answers: { 'commitment-two-way': 3 } });
    const monkey = importCsv(
      `Respondent ID,Your role,How much do you agree with each statement?,,\n,Response,${quoted(text(community, 'commitment-two-way'))},${quoted(text(community, 'commitment-ask-first'))},Extra\n101,resident,Disagree,Agree,\n`,
      { target: staff, partner: community }, { org: 'X' });
    expect(monkey.questionnaire.id).toBe('ostrom-four-conditions-community');
    expect(monkey.rows).toHaveLength(1);
    expect(monkey.rows[0]).toMatchObject({ row: 3, role: 'resident', answers: { 'commitment-two-way': 1, 'commitment-ask-first': 3 } });
    expect(monkey.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('column A ("Respondent ID") is neither a question'),
      expect.stringContaining('column E ("Extra") is neither a question'),
    ]);
  });
  it('reports a question the chosen questionnaire does not ask, a repeated question and a misspelt heading as errors', () => {
    const csv = `synergy-pooled-budgets,commitment-two-way,Commitment-Two-Way,${quoted(text(community, 'commitment-ask-first').replace('matters', 'maters'))}\n3,3,4,2\n`;
    const r = importCsv(csv, { target: community, partner: staff, chosen: true }, { org: 'X' });
    expect(r.problems.map((p) => [p.severity, p.line, p.column])).toEqual([['error', 1, 1], ['error', 1, 43], ['error', 1, 62]]);
    expect(r.problems[0]!.message).toContain('column A ("synergy-pooled-budgets") is question "synergy-pooled-budgets", which ostrom-four-conditions-community version 1 does not ask');
    expect(r.problems[1]!.message).toContain('column C ("Commitment-Two-Way") is question "commitment-two-way" again (column B has it too)');
    expect(r.problems[2]!.message).toContain(`did you mean "${text(community, 'commitment-ask-first')}"?`);
    expect(r.rows[0]!.answers['commitment-two-way']).toBe(3);
  });
  it('fails, writing nothing, when no heading is a question', () => {
    const r = run('Name,Email\nSam,s@x\n', { org: 'X' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('error: no column heading is a question of ostrom-four-conditions version 1');
    expect(r.files).toEqual([]);
  });
});

describe('values', () => {
  it('numbers, labels in any case, don\'t know in its spellings, and the paired questionnaire\'s labels', () => {
    const partner: Questionnaire = { ...community, scale: { ...community.scale, options: community.scale.options.map((o) => ({ ...o, label: `${o.label} (paper)` })) } };
    const ids = ['commitment-two-way', 'commitment-ask-first', 'commitment-set-terms', 'commitment-clear-offer', 'commitment-follow-through', 'commitment-letting-go', 'commitment-stories'];
    const csv = `${ids.join(',')}\n3,strongly AGREE,Don\u2019t know,dont-know, Neither  agree nor disagree ,4.0,Disagree (paper)\n`;
    const r = importCsv(csv, { target: staff, partner }, { org: 'X' });
    expect(r.problems).toEqual([]);
    expect(ids.map((id) => r.rows[0]!.answers[id])).toEqual([3, 4, 'dont-know', 'dont-know', 2, 4, 1]);
  });
  it('leaves blank cells unanswered without complaint', () => {
    const r = importCsv('commitment-two-way,commitment-ask-first\n,3\n', { target: staff }, { org: 'X' });
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.answers).toMatchObject({ 'commitment-two-way': null, 'commitment-ask-first': 3 });
  });
  it('reports every cell it cannot match with its row, column and position, and leaves it unanswered with a note in the file', () => {
    const csv = 'Organisation,commitment-two-way,commitment-ask-first\nEastbrook,Sometimes,Agre\nEastbrook,5,2\n';
    const r = run(csv);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${r.csv}:2:11: error: row 2, column B (commitment-two-way): "Sometimes" is not on the scale; allowed: 0 (Strongly disagree)`);
    expect(r.err).toContain(`${r.csv}:2:21: error: row 2, column C (commitment-ask-first): "Agre" is not on the scale (did you mean "Agree"?)`);
    expect(r.err).toContain(`${r.csv}:3:11: error: row 3, column B (commitment-two-way): "5" is not on the scale`);
    expect(r.files).toEqual(['eastbrook-row-2.answers.yaml', 'eastbrook-row-3.answers.yaml']);
    expect(r.read('eastbrook-row-2.answers.yaml')).toContain('  commitment-two-way: null  # not imported: "Sometimes" (row 2, column B) is not on the scale');
    expect(r.loaded('eastbrook-row-3.answers.yaml').answers.answers).toMatchObject({ 'commitment-two-way': null, 'commitment-ask-first': 2 });
  });
  it('takes dates written YYYY-MM-DD (with a time or slashes), and leaves others out rather than guess', () => {
    expect(['2026-11-18', '2026/11/18 10:01:02', '2026-11-18T10:01:02Z', '11/18/2026', '18.11.2026', '2026-02-30'].map((d) => isoDate(d))).toEqual(['2026-11-18', '2026-11-18', '2026-11-18', null, null, null]);
    // Day-first or month-first only once a date in the column settles it (18/11 can only be day first).
    expect(dateOrder(['03/04/2026 10:00', '18/11/2026 09:12:00'])).toBe('dmy');
    expect(dateOrder(['03/04/2026', '11/18/2026'])).toBe('mdy');
    expect(dateOrder(['03/04/2026', '05/06/2026'])).toBeNull();
    expect(['03/04/2026 10:00', '18/11/2026', '31/02/2026'].map((d) => isoDate(d, 'dmy'))).toEqual(['2026-04-03', '2026-11-18', null]);
    expect(isoDate('03/04/2026', 'mdy')).toBe('2026-03-04');
    const r = importCsv('Completion time,commitment-two-way\n2026-11-18 09:00,3\n03/04/2026,3\n04/04/2026,2\n', { target: staff }, { org: 'X' });
    expect(r.rows.map((x) => x.date)).toEqual(['2026-11-18', null, null]);
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'warning', line: 1, column: 1, message: expect.stringContaining('dates in rows 3-4 are not written YYYY-MM-DD') })]);
  });
});

describe('files', () => {
  it('score exactly as hand-written answers files do', () => {
    const ids = staff.conditions.flatMap((c) => c.questions.map((x) => x.id));
    const labels = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
    const people = [0, 1, 2].map((p) => Object.fromEntries(ids.map((id, i) => [id, ((i * 7 + p * 3) % 6 === 5 ? 'dont-know' : (i * 7 + p * 3) % 6 % 5) as Answer])));
    const cell = (a: Answer, i: number) => (a === 'dont-know' ? "Don't know" : i % 2 ? labels[a as number]! : String(a));
    const csv = [
      ['Organisation', 'Role', 'Date', ...ids.map((id) => quoted(text(staff, id)))].join(','),
      ...people.map((answers) => ['Eastbrook Borough Council', 'officer', '2026-11-18', ...ids.map((id, i) => cell(answers[id]!, i))].join(',')),
    ].join('\n');
    const r = run(csv);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`Wrote 3 answers files for ostrom-four-conditions version 1 into ${r.outDir}\n`);
    people.forEach((answers, p) => {
      const imported = r.loaded(`eastbrook-borough-council-row-${p + 2}.answers.yaml`);
      const byHand = answersFor(staff, answers, { organisation: 'Eastbrook Borough Council', respondent: { name: null, role: 'officer' }, date: '2026-11-18' });
      expect(imported.answers).toEqual(byHand);
      expect(renderReport(assess(staff, imported.answers))).toBe(renderReport(assess(staff, byHand)));
    });
  });
  it('names files from the organisation and the row, always inside --out-dir, keeping the name exactly', () => {
    const blns = JSON.parse(readFileSync(path.join(ROOT, '..', 'shared', 'corpus', 'naughty-strings', 'blns.json'), 'utf8')) as string[];
    const orgs = ['../../etc/passwd', 'CON', '.hidden', 'C:\\Windows\\x', ...blns.filter((s) => s.trim() !== '' && !/[\r\n]/.test(s)).slice(0, 80)];
    const csv = `Organisation,commitment-two-way\n${orgs.map((o) => `${quoted(o)},3`).join('\n')}\n`;
    const r = run(csv);
    expect(r.files).toHaveLength(orgs.length);
    for (const f of r.files) expect(f).toMatch(/^[a-z0-9-]+-row-\d+\.answers\.yaml$/);
    expect(r.files).toContain('etc-passwd-row-2.answers.yaml');
    expect(r.files).toContain('organisation-row-3.answers.yaml');
    orgs.forEach((o, i) => expect(r.loaded(importedFileName({ organisation: o, row: i + 2 })).answers.organisation).toBe(o.trim()));
  });
  it('takes the organisation from --org for rows without one, and needs one from somewhere', () => {
    const r = run('Organisation,commitment-two-way\n,3\nRiverside,2\n', { org: 'Eastbrook' });
    expect(r.files).toEqual(['eastbrook-row-2.answers.yaml', 'riverside-row-3.answers.yaml']);
    expect(() => run('commitment-two-way\n3\n')).toThrow(UsageError);
    const missing = run('Organisation,commitment-two-way\n,3\nRiverside,2\n');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('error: row 2 has no organisation in column A, and no --org was given; the row is left out');
    expect(missing.files).toEqual(['riverside-row-3.answers.yaml']);
  });
  it('refuses to overwrite answers files without --force, writing none', () => {
    const first = run('commitment-two-way\n3\n4\n', { org: 'Eastbrook' });
    writeFileSync(path.join(first.outDir, 'eastbrook-row-3.answers.yaml'), 'mine');
    const io = captureIo();
    expect(() => runImport(first.csv, { outDir: first.outDir, org: 'Eastbrook' }, {}, io)).toThrow(/eastbrook-row-2\.answers\.yaml and 1 more already exist; use --force/);
    expect(readFileSync(path.join(first.outDir, 'eastbrook-row-3.answers.yaml'), 'utf8')).toBe('mine');
    expect(runImport(first.csv, { outDir: first.outDir, org: 'Eastbrook', force: true }, {}, captureIo())).toBe(0);
    expect(readFileSync(path.join(first.outDir, 'eastbrook-row-3.answers.yaml'), 'utf8')).toContain('commitment-two-way: 4');
  });
  it('writes files for -q\'s questionnaire that workshop takes together with staff files', () => {
    const csv = `Role,${community.conditions.flatMap((c) => c.questions).map((x) => x.id).join(',')}\n`
      + [0, 1, 2].map((p) => `resident,${community.conditions.flatMap((c) => c.questions).map((_, i) => (i + p) % 5).join(',')}`).join('\n');
    const r = run(csv, { org: 'Eastbrook' }, { questionnaire: 'ostrom-four-conditions-community' });
    expect(r.code).toBe(0);
    expect(r.loaded('eastbrook-row-2.answers.yaml').questionnaire.id).toBe('ostrom-four-conditions-community');
  });
});

describe('from paper forms to the workshop report', () => {
  it('residents\' answers typed up with the community wording give the same workshop result as their answers files', () => {
    const examples = path.join(ROOT, 'examples', 'workshop');
    const residents = readdirSync(examples).filter((f) => f.startsWith('resident-')).sort().map((f) => {
      const r = loadAnswersFile(path.join(examples, f), registry);
      if (!r.ok) throw new Error(f);
      return r.value.answers;
    });
    const qs = community.conditions.flatMap((c) => c.questions);
    const label = (a: Answer) => (a === null ? '' : a === 'dont-know' ? "Don't know" : community.scale.options.find((o) => o.value === a)!.label);
    const csv = [
      ['Timestamp', 'Organisation', 'Service', 'Your role', 'Your name', ...qs.map((x) => quoted(x.text.replace(/\s+/g, ' ').trim()))].join(','),
      ...residents.map((a) => [a.date ? `${a.date.replace(/-/g, '/')} 19:30:00` : '', quoted(a.organisation), quoted(a.scope ?? ''), a.respondent.role ?? '', a.respondent.name ?? '', ...qs.map((x) => label(a.answers[x.id] ?? null))].join(',')),
    ].join('\r\n');
    const r = run(csv);
    expect(r.code).toBe(0);
    expect(r.files).toHaveLength(residents.length);
    const staffFiles = readdirSync(examples).filter((f) => f.startsWith('staff-')).map((f) => path.join(examples, f));
    const result = (inputs: string[]) => {
      const io = captureIo();
      expect(runWorkshop(inputs, { json: true }, {}, io)).toBe(0);
      return JSON.parse(io.out) as unknown;
    };
    expect(result([...staffFiles, r.outDir])).toEqual(result([examples]));
  });
});

describe('the command line', () => {
  it('import --help has an example; --out-dir is needed; a missing CSV is a usage error', () => {
    const help = cli(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Examples?:\n {2}\$ ostrom-ready import /);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.csv'), 'commitment-two-way\n3\n');
    expect(cli(['import', path.join(dir, 'a.csv'), '--org', 'X']).code).toBe(2);
    expect(cli(['import', path.join(dir, 'nope.csv'), '--out-dir', dir]).code).toBe(2);
    const ok = cli(['import', path.join(dir, 'a.csv'), '--org', 'X', '--out-dir', path.join(dir, 'out')]);
    expect([ok.code, ok.out]).toEqual([0, '']);
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['x-row-2.answers.yaml']);
  });
});
