// The progress report of `compare`, as Markdown and as the JSON of formats.md.
import type { Barrier } from '../schemas/questionnaire.js';
import type { Comparison, CompareSide } from '../score/compare.js';
import { GENERATOR } from '../version.js';
import { round1 } from './json.js';
import { bar, fmt, inline, roundTo, table } from './markdown.js';
import { answerLabel } from './report.js';

export function compareObject(c: Comparison): Record<string, unknown> {
  const side = (s: CompareSide) => ({ date: s.date, version: s.questionnaire.version, respondents: s.respondents });
  const ids = (list: Barrier[]) => list.map((b) => b.id);
  return {
    generator: GENERATOR,
    questionnaire: { id: c.later.questionnaire.id },
    earlier: side(c.earlier),
    later: side(c.later),
    versionsDiffer: c.versionsDiffer,
    overall: { earlier: round1(c.overall.earlier), later: round1(c.overall.later), change: round1(c.overall.change) },
    conditions: c.conditions.map((x) => ({ id: x.condition.id, earlier: round1(x.earlier), later: round1(x.later), change: round1(x.change) })),
    barriers: { resolved: ids(c.barriers.resolved), new: ids(c.barriers.new), persisting: ids(c.barriers.persisting) },
    movers: c.movers.map((m) => ({ question: m.question.id, earlier: round1(m.earlier), later: round1(m.later), change: round1(m.change) })),
  };
}

/** "▲ +21.8", "▼ −3.1" or "= 0.0": the direction in a symbol and a sign, not only in colour. */
export function changeMark(delta: number | null): string {
  if (delta === null) return '–';
  const rounded = roundTo(delta, 1);
  if (rounded > 0) return `▲ +${rounded.toFixed(1)}`;
  if (rounded < 0) return `▼ −${Math.abs(rounded).toFixed(1)}`;
  return '= 0.0';
}

export function renderCompare(c: Comparison, options: { chartFile?: string | undefined; leftOut?: number } = {}): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const name = (s: CompareSide) => (s.single ? inline(s.single.answers.organisation) : `${s.respondents} respondents`);
  const title = c.earlier.single && c.later.single && c.earlier.single.answers.organisation === c.later.single.answers.organisation
    ? inline(c.later.single.answers.organisation)
    : `${name(c.earlier)} and ${name(c.later)}`;
  // A change between two different things is not progress: say so before any number.
  const e = c.earlier.single?.answers;
  const l = c.later.single?.answers;
  const differences: string[] = [];
  if (e && l) {
    if (e.organisation !== l.organisation) differences.push(`organisations (${inline(e.organisation)}; ${inline(l.organisation)})`);
    if ((e.scope ?? '') !== (l.scope ?? '')) differences.push(`services or areas (${inline(e.scope ?? 'none given')}; ${inline(l.scope ?? 'none given')})`);
    if ((e.respondent.role ?? '') !== (l.respondent.role ?? '')) differences.push(`respondents' roles (${inline(e.respondent.role ?? 'none given')}; ${inline(l.respondent.role ?? 'none given')})`);
  }
  push(`# ${differences.length ? 'Comparison' : 'Progress'}: ${title}`, '');
  const describe = (label: string, s: CompareSide) =>
    `- **${label}:** ${s.date ?? 'undated'}; ${s.single ? name(s) : `${s.respondents} respondents, scored as a group`}; questionnaire \`${s.questionnaire.id}\` version ${s.questionnaire.version}`;
  push(describe('Earlier', c.earlier), describe('Later', c.later), '');
  if (differences.length) {
    push(`> **These answers are not about the same thing:** they differ in ${differences.join(', and ')}. Read the change as a difference between them, not as progress.`, '');
  }
  if (options.leftOut) push(`> **${options.leftOut} answers ${options.leftOut === 1 ? 'file was' : 'files were'} left out** because ${options.leftOut === 1 ? 'it could not be read' : 'they could not be read'}; the messages on standard error say why.`, '');
  if (c.versionsDiffer) {
    push(`> **The questionnaire versions differ** (${c.earlier.questionnaire.version} and ${c.later.questionnaire.version}). Conditions and questions are matched by id; a question asked only once is left out of the comparison, so some of the change may come from the questions themselves.`, '');
  }
  if (c.overall.change !== null) {
    push(`The overall score moved from ${fmt(c.overall.earlier)} to ${fmt(c.overall.later)} (${changeMark(c.overall.change)}).${summaryOfBarriers(c)}`, '');
  } else {
    push(`There is no overall change to report: ${c.overall.earlier === null ? 'the earlier' : 'the later'} side has a condition without enough answers.${summaryOfBarriers(c)}`, '');
  }

  push('## Scores', '');
  push(...table(
    ['Condition', 'Earlier', 'Later', 'Change', ''],
    [
      ...c.conditions.map((x) => [inline(x.condition.title), fmt(x.earlier), fmt(x.later), changeMark(x.change), `${bar(x.earlier, 10)} → ${bar(x.later, 10)}`]),
      ['**Overall**', `**${fmt(c.overall.earlier)}**`, `**${fmt(c.overall.later)}**`, `**${changeMark(c.overall.change)}**`, `${bar(c.overall.earlier, 10)} → ${bar(c.overall.later, 10)}`],
    ],
    ['l', 'r', 'r', 'r', 'l'],
  ), '');
  if (options.chartFile) push(`![Earlier and later scores for each condition, as a bar chart](${encodeURI(options.chartFile)})`, '');

  push('## Barriers', '');
  const list = (label: string, barriers: Barrier[], none: string) =>
    push(`**${label}:** ${barriers.length ? barriers.map((b) => `${inline(b.title)}${b.kind === 'risk' ? ' (risk)' : ''}`).join('; ') : none}`, '');
  list('Resolved', c.barriers.resolved, 'none');
  list('New', c.barriers.new, 'none');
  list('Persisting', c.barriers.persisting, 'none');
  if (!c.earlier.single || !c.later.single) push('For a group, a barrier counts as present when it is present for at least half the people.', '');

  push('## Questions that moved most', '');
  if (c.movers.length) {
    const scale = c.later.questionnaire;
    const shown = (side: CompareSide, value: number) => (side.single ? `${inline(answerLabel(value, scale))} (${value})` : `mean ${value.toFixed(1)}`);
    push(...table(
      ['Question', 'Earlier', 'Later', 'Moved'],
      c.movers.map((m) => [
        `${inline(m.question.text)}${m.question.reverse ? ' *(reversed)*' : ''}`,
        shown(c.earlier, m.earlier),
        shown(c.later, m.later),
        `${m.better ? '▲ stronger' : '▼ weaker'} by ${Math.abs(m.change).toFixed(m.change % 1 ? 1 : 0)} step${Math.abs(m.change) === 1 ? '' : 's'}`,
      ]),
      ['l', 'l', 'l', 'l'],
    ), '');
  } else {
    push('No question answered on both sides has moved.', '');
  }

  push('## Reading the change', '');
  push('A change of a few points can come from who answered and when as much as from what changed: the same person can answer differently on another day. Look at the questions that moved and ask what lies behind them before you take a change as progress or decline.', '');
  push('---', '', `Generated by ${GENERATOR}.`, '');
  return out.join('\n');
}

function summaryOfBarriers(c: Comparison): string {
  const parts: string[] = [];
  if (c.barriers.resolved.length) parts.push(`${c.barriers.resolved.length} resolved`);
  if (c.barriers.new.length) parts.push(`${c.barriers.new.length} new`);
  if (c.barriers.persisting.length) parts.push(`${c.barriers.persisting.length} persisting`);
  return parts.length ? ` Barriers: ${parts.join(', ')}.` : '';
}
