// The end-of-assessment summary for a terminal: each condition's score and band as a bar of
// characters (readable without colour, and by a screen reader as "61.3 Recognition"), the
// weakest condition, the top barriers and the first three actions. Colour is only an extra.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Band, Questionnaire } from '../schemas/questionnaire.js';
import type { Assessment, ConditionResult } from '../score/score.js';
import { safeForTerminal, width as displayWidth } from '../util/terminal.js';
import { fmt } from './markdown.js';

export interface TerminalSummaryOptions {
  color?: boolean;
  /** Columns to fit in; 80 when not given. */
  width?: number;
}

export const TERMINAL_BAR_WIDTH = 20;
const TOP_BARRIERS = 3;
const FIRST_ACTIONS = 3;

/**
 * Whether to colour output for a stream: never with --no-color or NO_COLOR, always with
 * FORCE_COLOR (other than 0), otherwise when the stream is a terminal.
 */
export function colourWanted(flag: boolean | undefined, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return !!stream.isTTY && env.TERM !== 'dumb';
}

/**
 * Word-wrap text to a width. Lines in the text stay lines (YAML block text keeps its
 * paragraphs); a word longer than the width is broken.
 */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string {
  const out: string[] = [];
  let first = true;
  for (const paragraph of text.split(/\r?\n/)) {
    const lead = () => (first ? firstIndent : indent);
    if (paragraph.trim() === '') {
      out.push('');
      first = false;
      continue;
    }
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      for (;;) {
        const room = Math.max(10, width - displayWidth(lead()));
        const candidate = line ? `${line} ${rest}` : rest;
        if (displayWidth(candidate) <= room) {
          line = candidate;
          break;
        }
        if (line) {
          out.push(lead() + line);
          first = false;
          line = '';
          continue;
        }
        // A single word wider than the line.
        const chars = [...rest];
        out.push(lead() + chars.slice(0, room).join(''));
        first = false;
        rest = chars.slice(room).join('');
        if (!rest) break;
      }
    }
    if (line) {
      out.push(lead() + line);
      first = false;
    }
  }
  return out.join('\n');
}

/** A bar that reads without colour: filled and empty blocks, or dots when there is no score. */
export function terminalBar(score: number | null, width = TERMINAL_BAR_WIDTH): { filled: string; empty: string } {
  if (score === null) return { filled: '', empty: '·'.repeat(width) };
  const filled = Math.max(0, Math.min(width, Math.round((score / 100) * width)));
  return { filled: '█'.repeat(filled), empty: '░'.repeat(width - filled) };
}

function bandColour(c: ChalkInstance, band: Band | null, q: Questionnaire): (text: string) => string {
  if (!band || q.bands.length < 2) return (text) => text;
  const index = q.bands.indexOf(band);
  if (index === 0) return c.red;
  if (index === q.bands.length - 1) return c.green;
  return c.yellow;
}

const scoreText = (score: number | null) => fmt(score).padStart(5);

export function renderTerminalSummary(a: Assessment, options: TerminalSummaryOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(40, options.width ?? 80) - 1;
  const q = a.questionnaire;
  const text = (s: string) => safeForTerminal(s);
  const out: string[] = [];

  out.push(c.bold(wrap(`Scores for ${text(a.answers.organisation)}`, width)));
  if (a.answers.scope) out.push(wrap(`Scope: ${text(a.answers.scope)}`, width));
  out.push('');

  const rows: { title: string; score: number | null; band: Band | null; detail: string }[] = [
    ...a.conditions.map((r: ConditionResult) => ({
      title: text(r.condition.title),
      score: r.score,
      band: r.band,
      detail: r.answered < r.questions ? `${r.answered} of ${r.questions} answered` : '',
    })),
    { title: 'Overall', score: a.overall.score, band: a.overall.band, detail: '' },
  ];
  const bandText = (row: (typeof rows)[number]) => {
    const label = row.band ? text(row.band.label) : 'not enough answers';
    return row.detail ? `${label} (${row.detail})` : label;
  };
  const barLine = (row: (typeof rows)[number]) => {
    const bar = terminalBar(row.score);
    return `${bandColour(c, row.band, q)(bar.filled)}${c.dim(bar.empty)}  ${scoreText(row.score)}  ${bandText(row)}`;
  };
  const titleWidth = Math.max(...rows.map((r) => displayWidth(r.title)));
  const lineWidth = 2 + titleWidth + 2 + TERMINAL_BAR_WIDTH + 2 + 5 + 2 + Math.max(...rows.map((r) => displayWidth(bandText(r))));
  rows.forEach((row, i) => {
    const isOverall = i === rows.length - 1;
    const title = isOverall ? c.bold(row.title) : row.title;
    if (lineWidth <= width) {
      out.push(`  ${title}${' '.repeat(titleWidth - displayWidth(row.title))}  ${barLine(row)}`);
    } else {
      // Long titles (the bundled ones run to 77 characters): the title above its bar.
      out.push(wrap(row.title, width, '  ').replace(row.title, title), `    ${barLine(row)}`);
    }
  });
  out.push('');

  if (a.weakest) {
    const line = wrap(`Weakest condition: ${text(a.weakest.condition.title)} (${fmt(a.weakest.score)})`, width);
    out.push(line.replace('Weakest condition:', c.bold('Weakest condition:')));
  } else {
    out.push(wrap('Weakest condition: none yet; no condition has enough answers to be scored.', width));
  }
  out.push('');

  const present = a.barriers.filter((b) => b.status === 'present');
  const barriers = present.filter((b) => b.barrier.kind === 'barrier').slice(0, TOP_BARRIERS);
  const risks = present.filter((b) => b.barrier.kind === 'risk');
  out.push(c.bold('Top barriers:'));
  if (!barriers.length) {
    const possible = a.barriers.filter((b) => b.status === 'possible' && b.barrier.kind === 'barrier').length;
    out.push(wrap(`No barrier is clearly present${possible ? `; ${possible} possible (see the report)` : ''}.`, width, '  '));
  }
  for (const b of barriers) {
    out.push(wrap(`- ${text(b.barrier.title)} (${b.signalling} of ${b.answered} answers point to it)`, width, '    ', '  '));
  }
  for (const r of risks) {
    out.push(c.yellow(wrap(`! Warning, a risk: ${text(r.barrier.title)} (${r.signalling} of ${r.answered} answers point to it)`, width, '    ', '  ')));
  }
  out.push('');

  const actions = new Map(q.actions.map((x) => [x.id, x]));
  const first = a.actions.slice(0, FIRST_ACTIONS).map((id) => actions.get(id)).filter((x) => x !== undefined);
  out.push(c.bold('First actions:'));
  if (!first.length) out.push(wrap('None yet: answer more questions so that a weakest condition or a barrier can be found.', width, '  '));
  first.forEach((action, i) => {
    out.push(wrap(`${i + 1}. ${text(action.title)}`, width, '     ', '  '));
    out.push(c.dim(wrap(`First step: ${text(action.firstStep)}`, width, '     ')));
  });
  return `${out.join('\n')}\n`;
}
