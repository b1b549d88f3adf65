// Reading a survey export (Microsoft Forms, Google Forms, SurveyMonkey, a spreadsheet typed up
// from paper forms): one row per respondent. Columns are matched to questions by id or by
// question text, values by scale value, label or "don't know". Matching is exact after
// folding case, spacing and typographic quotes; anything that does not match is reported
// with its row and column and left out, never guessed. Pure: text in, rows and problems out.
import { parse } from 'csv-parse/sync';
import type { Answer } from '../schemas/answers.js';
import type { Question, Questionnaire } from '../schemas/questionnaire.js';
import { closest } from '../util/suggest.js';
import { allowedValuesText, normaliseAnswer } from './answers.js';

export type ImportField = 'organisation' | 'scope' | 'name' | 'role' | 'date';

/** Column headings taken to mean an answers file's fields (after folding case and spaces). */
const FIELD_HEADINGS: Record<ImportField, string[]> = {
  organisation: ['organisation', 'organization', 'organisation name', 'organization name', 'org', 'organisation or service'],
  scope: ['scope', 'service', 'service or area', 'area'],
  name: ['name', 'your name', 'full name', 'respondent name', 'respondent'],
  role: ['role', 'your role', 'respondent role', 'you are'],
  // Survey tools' own time stamps: Google Forms, Microsoft Forms, SurveyMonkey.
  date: ['date', 'timestamp', 'completion time', 'end date', 'date completed', 'submitted', 'submission date'],
};
/** SurveyMonkey's second header row labels single-answer columns with these. */
const SUBHEADINGS = new Set(['response', 'open-ended response']);
const DELIMITERS = [',', ';', '\t'] as const;

export interface ImportProblem {
  severity: 'error' | 'warning';
  /** Where in the text file (for FILE:LINE:COLUMN). */
  line: number;
  column: number;
  message: string;
}

export interface ColumnMatch {
  /** 1-based, as a spreadsheet counts them. */
  index: number;
  letter: string;
  heading: string;
  question?: Question;
  field?: ImportField;
}

export interface ImportedRow {
  /** The spreadsheet row (the heading row is 1). */
  row: number;
  organisation: string;
  scope: string | null;
  name: string | null;
  role: string | null;
  date: string | null;
  answers: Record<string, Answer>;
  /** Short notes for the written file, by question id or field: what could not be imported. */
  remarks: Record<string, string>;
  answered: number;
}

export interface ImportResult {
  questionnaire: Questionnaire;
  delimiter: string;
  columns: ColumnMatch[];
  rows: ImportedRow[];
  problems: ImportProblem[];
  /** The file could not be read as CSV, or no column is a question: nothing to write. */
  fatal: boolean;
}

export interface ImportCandidates {
  /** The questionnaire the files will be for (-q, else the default). */
  target: Questionnaire;
  /** Its paired variant: its wording is recognised in headings too. */
  partner?: Questionnaire | undefined;
  /** The target was chosen with -q: do not switch to the partner. */
  chosen?: boolean;
}

/** Case, spacing and typographic quotes folded; a final full stop dropped. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*\.$/, '');
}

/** The ways a heading may hold a question: as it is, a Google Forms grid row "Title [Statement]", or after a question number. */
function headingCandidates(heading: string): string[] {
  const out = [heading];
  const grid = /\[([^\]]+)\]\s*$/.exec(heading);
  if (grid) out.push(grid[1]!);
  const numbered = /^\s*(?:q(?:uestion)?\s*)?\d+\s*[.):]?\s+(.+)$/i.exec(heading);
  if (numbered) out.push(numbered[1]!);
  return out;
}

export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Comma, semicolon or tab: whichever the heading row uses most outside quotes (ties: comma). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Where each cell of a record starts, relative to the record's first line. */
function cellStarts(raw: string, delimiter: string): { line: number; column: number }[] {
  const starts = [{ line: 0, column: 1 }];
  let quoted = false;
  let line = 0;
  let column = 1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '"') quoted = !quoted;
    if (c === '\n') {
      line++;
      column = 1;
      continue;
    }
    column++;
    if (!quoted && c === delimiter) starts.push({ line, column });
  }
  return starts;
}

interface ParsedRecord {
  cells: string[];
  row: number;
  line: number;
  starts: { line: number; column: number }[];
}

function parseRecords(text: string, delimiter: string): { records: ParsedRecord[] } | { problem: ImportProblem } {
  let parsed: { record: string[]; info: { lines: number; raw?: string }; raw?: string }[];
  try {
    parsed = parse(text, {
      delimiter,
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { message?: string; lines?: number; code?: string };
    const message = (e.message ?? String(error)).replace(/^Invalid Record Length:.*$/, 'rows have different numbers of columns');
    return { problem: { severity: 'error', line: e.lines ?? 1, column: 1, message: `the file cannot be read as CSV: ${message}` } };
  }
  const records: ParsedRecord[] = [];
  // Spreadsheet rows: a record is one row however many lines its cells span; each line between
  // records (blank, or a row of empty cells that is skipped) is an empty row.
  let row = 0;
  let previousEnd = 0;
  for (const p of parsed) {
    const raw = p.raw ?? p.info.raw ?? '';
    const body = raw.replace(/^(?:\r?\n)*/, '').replace(/\r?\n$/, '');
    const end = p.info.lines;
    const start = end - (body.match(/\n/g) ?? []).length;
    row += start - previousEnd;
    previousEnd = end;
    records.push({ cells: p.record, row, line: start, starts: cellStarts(body, delimiter) });
  }
  return { records };
}

interface Index {
  questions: Map<string, { question: Question; by: 'id' | 'text'; from: string }[]>;
}

function buildIndex(qs: readonly Questionnaire[]): Index {
  const questions = new Map<string, { question: Question; by: 'id' | 'text'; from: string }[]>();
  const add = (key: string, entry: { question: Question; by: 'id' | 'text'; from: string }) => {
    const list = questions.get(key) ?? [];
    list.push(entry);
    questions.set(key, list);
  };
  for (const q of qs) {
    for (const question of q.conditions.flatMap((c) => c.questions)) {
      add(fold(question.id), { question, by: 'id', from: q.id });
      add(fold(question.text), { question, by: 'text', from: q.id });
    }
  }
  return { questions };
}

function matchHeading(heading: string, index: Index): { question?: { question: Question; by: 'id' | 'text'; from: string }[]; field?: ImportField } {
  for (const candidate of headingCandidates(heading)) {
    const key = fold(candidate);
    if (!key) continue;
    const found = index.questions.get(key);
    if (found) return { question: found };
    for (const [field, names] of Object.entries(FIELD_HEADINGS) as [ImportField, string[]][]) {
      if (names.includes(key)) return { field };
    }
  }
  return {};
}

const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[T ,])/;

/**
 * Whether a column's dates are written day first (UK: 18/11/2026) or month first (US:
 * 11/18/2026), when some date in it can only be read one way; null when none can.
 */
export function dateOrder(texts: readonly string[]): 'dmy' | 'mdy' | null {
  let dmy = false;
  let mdy = false;
  for (const t of texts) {
    const m = DAY_MONTH.exec(t.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dmy = true;
    if (Number(m[2]) > 12) mdy = true;
  }
  return dmy === mdy ? null : dmy ? 'dmy' : 'mdy';
}

/**
 * "2026-11-20", or a survey tool's "2026-11-20 10:15:32" / "2026/11/20 ...": the date part;
 * "18/11/2026" when the column's order is known from a date that can only be read one way.
 * Anything else is not guessed.
 */
export function isoDate(text: string, order: 'dmy' | 'mdy' | null = null): string | null {
  const dm = DAY_MONTH.exec(text.trim());
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:$|[T ])/.exec(text.trim())
    ?? (dm && order ? [dm[0], dm[3]!, (order === 'dmy' ? dm[2]! : dm[1]!).padStart(2, '0'), (order === 'dmy' ? dm[1]! : dm[2]!).padStart(2, '0')] : null);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/** "2, 3, 5-9" */
function rowList(rows: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(j > i ? `${rows[i]}-${rows[j]}` : String(rows[i]));
    i = j;
  }
  return parts.join(', ');
}

export function importCsv(text: string, candidates: ImportCandidates, options: { org?: string | undefined } = {}): ImportResult {
  const problems: ImportProblem[] = [];
  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
  const empty = (q: Questionnaire, fatal: boolean): ImportResult => ({ questionnaire: q, delimiter, columns: [], rows: [], problems, fatal });
  const parsed = parseRecords(text, delimiter);
  if ('problem' in parsed) {
    problems.push(parsed.problem);
    return empty(candidates.target, true);
  }
  const records = parsed.records;
  if (!records.length) {
    problems.push({ severity: 'error', line: 1, column: 1, message: 'the file has no rows: a survey export needs a heading row and one row per respondent' });
    return empty(candidates.target, true);
  }
  const pair = [candidates.target, ...(candidates.partner ? [candidates.partner] : [])];
  const index = buildIndex(pair);
  const header = records[0]!;
  const at = (record: ParsedRecord, i: number) => {
    const start = record.starts[i] ?? record.starts[record.starts.length - 1]!;
    return { line: record.line + start.line, column: start.column };
  };

  // SurveyMonkey puts a matrix's statements in a second heading row.
  const second = records[1];
  const secondIsHeading = !!second && second.cells.some((c) => matchHeading(c, index).question || SUBHEADINGS.has(fold(c)));
  const dataRecords = records.slice(secondIsHeading ? 2 : 1);

  // The questionnaire whose wording the headings use (unless -q chose one): ties go to the target.
  const width = Math.max(...records.map((r) => r.cells.length));
  const headings = Array.from({ length: width }, (_, i) => {
    const top = (header.cells[i] ?? '').trim();
    const sub = secondIsHeading ? (second!.cells[i] ?? '').trim() : '';
    return { top, sub };
  });
  const raw = headings.map(({ top, sub }) => {
    const topMatch = matchHeading(top, index);
    if (topMatch.question || topMatch.field) return topMatch;
    return sub ? matchHeading(sub, index) : topMatch;
  });
  let q = candidates.target;
  if (!candidates.chosen && candidates.partner) {
    const byText = (id: string) => raw.filter((m) => m.question?.some((e) => e.by === 'text' && e.from === id)).length;
    if (byText(candidates.partner.id) > byText(candidates.target.id)) q = candidates.partner;
  }
  const asked = new Map(q.conditions.flatMap((c) => c.questions.map((x) => [x.id, x] as const)));
  const allTexts = pair.flatMap((x) => x.conditions.flatMap((c) => c.questions.flatMap((y) => [y.id, y.text])));

  const columns: ColumnMatch[] = [];
  const taken = new Map<string, ColumnMatch>();
  raw.forEach((m, i) => {
    const { top, sub } = headings[i]!;
    const heading = top && sub && !SUBHEADINGS.has(fold(sub)) ? `${top} / ${sub}` : top || sub;
    const column: ColumnMatch = { index: i + 1, letter: columnLetter(i + 1), heading };
    const where = at(header, i);
    const named = `column ${column.letter} ("${heading.length > 70 ? `${heading.slice(0, 67)}...` : heading}")`;
    const id = m.question?.[0]?.question.id;
    if (id !== undefined) {
      const question = asked.get(id);
      if (!question) {
        problems.push({ severity: 'error', ...where, message: `${named} is question "${id}", which ${q.id} version ${q.version} does not ask; its answers are left out (use -q ${m.question![0]!.from} to import them)` });
      } else if (taken.has(`q:${id}`)) {
        problems.push({ severity: 'error', ...where, message: `${named} is question "${id}" again (column ${taken.get(`q:${id}`)!.letter} has it too); only the first is imported` });
      } else {
        column.question = question;
        taken.set(`q:${id}`, column);
      }
    } else if (m.field) {
      if (taken.has(`f:${m.field}`)) {
        problems.push({ severity: 'warning', ...where, message: `${named} gives the ${m.field} again (column ${taken.get(`f:${m.field}`)!.letter} has it too); left out` });
      } else {
        column.field = m.field;
        taken.set(`f:${m.field}`, column);
      }
    } else if (heading === '') {
      if (dataRecords.some((r) => (r.cells[i] ?? '').trim() !== '')) problems.push({ severity: 'warning', ...where, message: `column ${column.letter} has no heading; left out` });
    } else {
      const near = heading.length >= 12 ? closest(fold(heading), allTexts.map(fold)) : undefined;
      const nearText = near ? allTexts.find((t) => fold(t) === near) : undefined;
      problems.push(near
        ? { severity: 'error', ...where, message: `${named} is not a question of ${q.id}; did you mean "${nearText}"? Its answers are left out; correct the heading and import again` }
        : { severity: 'warning', ...where, message: `${named} is neither a question of ${q.id} nor organisation, role, name, date or scope; left out` });
    }
    columns.push(column);
  });

  const questionColumns = columns.filter((c) => c.question);
  if (!questionColumns.length) {
    problems.push({ severity: 'error', line: header.line, column: 1, message: `no column heading is a question of ${q.id} version ${q.version}, by id or by its text; check the heading row (row ${header.row}), or choose the questionnaire with -q` });
    return { questionnaire: q, delimiter, columns, rows: [], problems, fatal: true };
  }
  const orgColumn = columns.find((c) => c.field === 'organisation');
  const partner = pair.find((x) => x !== q);
  const badDates = new Map<number, number[]>();
  const dateColumn = columns.find((x) => x.field === 'date');
  const datesOrder = dateColumn ? dateOrder(dataRecords.map((r) => r.cells[dateColumn.index - 1] ?? '')) : null;

  const rows: ImportedRow[] = [];
  for (const record of dataRecords) {
    // Answers are matched with spacing folded; names and roles are kept as typed, only trimmed.
    const cell = (c: ColumnMatch) => (record.cells[c.index - 1] ?? '').replace(/\s+/g, ' ').trim();
    const text = (c: ColumnMatch) => (record.cells[c.index - 1] ?? '').trim();
    const answers: Record<string, Answer> = {};
    for (const x of asked.keys()) answers[x] = null;
    const remarks: Record<string, string> = {};
    const fieldValue = (field: ImportField) => {
      const c = columns.find((x) => x.field === field);
      const v = c ? text(c) : '';
      return v === '' ? null : v;
    };
    let answered = 0;
    for (const c of questionColumns) {
      const value = cell(c);
      const result = normaliseAnswer(value, q);
      if ('answer' in result) {
        answers[c.question!.id] = result.answer;
        if (result.answer !== null) answered++;
        continue;
      }
      // The paired questionnaire may word its labels differently; its values are the same.
      const byPartnerLabel = partner?.scale.options.find((o) => fold(o.label) === fold(value));
      if (byPartnerLabel) {
        answers[c.question!.id] = byPartnerLabel.value;
        answered++;
        continue;
      }
      const where = at(record, c.index - 1);
      const labels = [...q.scale.options.map((o) => o.label), ...(q.scale.dontKnow ? ["Don't know"] : [])];
      const near = closest(value, labels);
      const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
      problems.push({ severity: 'error', ...where, message: `row ${record.row}, column ${c.letter} (${c.question!.id}): ${shown} is not on the scale${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${allowedValuesText(q)}; left unanswered` });
      remarks[c.question!.id] = `not imported: ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)} (row ${record.row}, column ${c.letter}) is not on the scale`;
    }
    const organisation = fieldValue('organisation') ?? options.org ?? null;
    if (organisation === null) {
      const where = orgColumn ? at(record, orgColumn.index - 1) : { line: record.line, column: 1 };
      problems.push({ severity: 'error', ...where, message: `row ${record.row} has no organisation${orgColumn ? ` in column ${orgColumn.letter}` : ''}, and no --org was given; the row is left out` });
    }
    const dateText = fieldValue('date');
    let date: string | null = null;
    if (dateText !== null) {
      date = isoDate(dateText, datesOrder);
      if (date === null) {
        const c = columns.find((x) => x.field === 'date')!;
        badDates.set(c.index, [...(badDates.get(c.index) ?? []), record.row]);
        remarks.date = `not imported: ${JSON.stringify(dateText.slice(0, 30))} is not a YYYY-MM-DD date`;
      }
    }
    if (organisation === null) continue;
    if (answered === 0 && !Object.keys(remarks).some((k) => asked.has(k))) {
      problems.push({ severity: 'warning', line: record.line, column: 1, message: `row ${record.row} answers none of the questions; its file has every answer null` });
    }
    rows.push({ row: record.row, organisation, scope: fieldValue('scope'), name: fieldValue('name'), role: fieldValue('role'), date, answers, remarks, answered });
  }
  for (const [index, badRows] of badDates) {
    const c = columns.find((x) => x.index === index)!;
    problems.push({ severity: 'warning', ...at(header, index - 1), message: `column ${c.letter} ("${c.heading}"): ${badRows.length === 1 ? 'the date in row' : 'dates in rows'} ${rowList(badRows)} ${badRows.length === 1 ? 'is' : 'are'} not written YYYY-MM-DD, so ${badRows.length === 1 ? 'it is' : 'they are'} left out rather than guessed (03/04/2026 could be March or April, and no date in the column settles which comes first)` });
  }
  const order = (p: ImportProblem) => p.line * 1e6 + p.column;
  problems.sort((a, b) => order(a) - order(b));
  return { questionnaire: q, delimiter, columns, rows, problems, fatal: false };
}
