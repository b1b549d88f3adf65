// The one-row-per-input CSV of `score --csv` (RFC 4180 quoting).
import type { FileOutcome } from '../batch/score-file.js';
import { round1 } from './json.js';

/** Quote a field when it holds a comma, a quote or a line break; double inner quotes. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (fields: readonly (string | number | null | undefined)[]): string => `${fields.map(csvField).join(',')}\r\n`;

export function csvHeader(conditionIds: readonly string[], named: boolean): string {
  return csvRow(['file', 'organisation', 'scope', 'role', ...(named ? ['name'] : []), 'date', 'questionnaire', 'version',
    'overall', 'band', ...conditionIds, 'weakest', 'present_barriers', 'error']);
}

export function csvLine(outcome: FileOutcome, conditionIds: readonly string[], named: boolean): string {
  const r = outcome.row;
  if (!r) {
    const e = outcome.error;
    return csvRow([outcome.file, '', '', '', ...(named ? [''] : []), '', '', '', '', '', ...conditionIds.map(() => ''), '', '',
      e ? `${e.line}:${e.column}: ${e.message}` : 'invalid']);
  }
  const byId = new Map(r.conditions.map((c) => [c.id, c.score]));
  return csvRow([outcome.file, r.organisation, r.scope, r.role, ...(named ? [r.name] : []), r.date, r.questionnaire, r.version,
    round1(r.overall), r.band, ...conditionIds.map((id) => round1(byId.get(id) ?? null)), r.weakest, r.present.join(' '), '']);
}
