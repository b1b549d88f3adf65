// SVG bar charts of the four conditions: written beside a Markdown report and linked from
// it. Plain SVG with no scripts, fonts or network, so it shows the same on GitHub, in VS
// Code's preview and in print. Every bar carries its label and value as text, and series
// differ in pattern as well as shade, so nothing depends on colour.
import type { Band } from '../schemas/questionnaire.js';
import type { Comparison } from '../score/compare.js';
import type { GroupResult } from '../score/group.js';
import type { Assessment } from '../score/score.js';
import { fmt } from './markdown.js';

export interface ChartSeries {
  /** Shown beside each bar of this series, e.g. "Earlier" or a role; omit for one series. */
  label?: string;
  /** One score per condition, in the chart's condition order; null: not enough answers. */
  scores: (number | null)[];
}

export interface ChartInput {
  title: string;
  /** A sentence or two for readers who cannot see the chart. */
  description: string;
  conditions: string[];
  bands: readonly Band[];
  series: ChartSeries[];
}

export const CHART = { width: 760, labelWidth: 250, plotWidth: 420, barHeight: 22, gap: 6, groupGap: 18, top: 64, bottom: 40 } as const;

const FILLS = [
  { fill: '#1f4e79', pattern: null },
  { fill: '#9dc3e6', pattern: 'hatch' },
  { fill: '#595959', pattern: 'dots' },
  { fill: '#c9c9c9', pattern: 'cross' },
] as const;

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The x position of a score on the plot. */
export const scoreX = (score: number) => CHART.labelWidth + (Math.max(0, Math.min(100, score)) / 100) * CHART.plotWidth;

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

export function renderChart(input: ChartInput): string {
  const { series, conditions } = input;
  const groupHeight = series.length * CHART.barHeight + (series.length - 1) * CHART.gap;
  // Each row is as tall as its bars or its wrapped label, whichever is taller.
  const labels = conditions.map((c) => wrap(c, 34));
  const rowHeights = labels.map((lines) => Math.max(groupHeight, lines.length * 15 + 4));
  const rowTops = rowHeights.map((_, i) => CHART.top + rowHeights.slice(0, i).reduce((a, h) => a + h + CHART.groupGap, 0));
  const height = CHART.top + rowHeights.reduce((a, h) => a + h + CHART.groupGap, 0) + CHART.bottom;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="${height}" viewBox="0 0 ${CHART.width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="13">`);
  out.push(`<title id="chart-title">${escapeXml(input.title)}</title>`);
  out.push(`<desc id="chart-desc">${escapeXml(input.description)}</desc>`);
  out.push('<defs>',
    '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#9dc3e6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1f4e79" stroke-width="2"/></pattern>',
    '<pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#d9d9d9"/><circle cx="3" cy="3" r="1.5" fill="#262626"/></pattern>',
    '<pattern id="cross" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ededed"/><path d="M0 0L8 8M8 0L0 8" stroke="#595959" stroke-width="1"/></pattern>',
    '</defs>');
  out.push(`<rect width="${CHART.width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="16" y="26" font-size="16" font-weight="bold" fill="#000000">${escapeXml(input.title)}</text>`);

  // Band thresholds: a dashed line at each band's minimum, named at the top.
  const plotBottom = height - CHART.bottom + 4;
  for (const band of input.bands) {
    const x = scoreX(band.min);
    out.push(`<line x1="${x}" y1="${CHART.top - 12}" x2="${x}" y2="${plotBottom}" stroke="#7f7f7f" stroke-dasharray="4 3" data-band="${escapeXml(band.label)}"/>`);
    out.push(`<text x="${x + 3}" y="${CHART.top - 16}" font-size="11" fill="#404040">${escapeXml(band.label)} (${band.min})</text>`);
  }
  // The axis: 0, 50 and 100.
  out.push(`<line x1="${scoreX(0)}" y1="${plotBottom}" x2="${scoreX(100)}" y2="${plotBottom}" stroke="#404040"/>`);
  for (const tick of [0, 50, 100]) {
    out.push(`<text x="${scoreX(tick)}" y="${plotBottom + 16}" font-size="11" text-anchor="middle" fill="#404040">${tick}</text>`);
  }

  conditions.forEach((_condition, ci) => {
    const y0 = rowTops[ci]! + (rowHeights[ci]! - groupHeight) / 2;
    labels[ci]!.forEach((line, li, lines) => {
      const y = y0 + groupHeight / 2 + 4 + (li - (lines.length - 1) / 2) * 15;
      out.push(`<text x="16" y="${y}" fill="#000000">${escapeXml(line)}</text>`);
    });
    series.forEach((s, si) => {
      const y = y0 + si * (CHART.barHeight + CHART.gap);
      const score = s.scores[ci] ?? null;
      const label = s.label ? `${s.label}: ` : '';
      if (score === null) {
        out.push(`<text x="${scoreX(0) + 4}" y="${y + CHART.barHeight / 2 + 4}" font-style="italic" fill="#404040" data-score="none">${escapeXml(label)}not enough answers</text>`);
        return;
      }
      const style = FILLS[si % FILLS.length]!;
      const w = scoreX(score) - scoreX(0);
      out.push(`<rect x="${scoreX(0)}" y="${y}" width="${w.toFixed(2)}" height="${CHART.barHeight}" fill="${style.pattern ? `url(#${style.pattern})` : style.fill}" stroke="#1f1f1f" stroke-width="0.5" data-score="${fmt(score)}"/>`);
      // A white halo keeps the value readable where a band line runs behind it.
      out.push(`<text x="${scoreX(score) + 6}" y="${y + CHART.barHeight / 2 + 4}" fill="#000000" stroke="#ffffff" stroke-width="4" paint-order="stroke">${escapeXml(label)}${fmt(score)}</text>`);
    });
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Where a report's chart goes: beside it, with the same name. */
export function chartPathFor(reportPath: string): string {
  return reportPath.replace(/\.(md|markdown)$/i, '') + '.svg';
}

const scoreText = (title: string, score: number | null) => `${title} ${score === null ? 'not enough answers' : fmt(score)}`;

export function describeScores(titles: readonly string[], scores: readonly (number | null)[]): string {
  return titles.map((t, i) => scoreText(t, scores[i] ?? null)).join('; ');
}

/** One respondent's scores, condition by condition. */
export function reportChart(a: Assessment): string {
  const titles = a.conditions.map((c) => c.condition.title);
  const scores = a.conditions.map((c) => c.score);
  return renderChart({
    title: `Scores: ${a.answers.organisation}`,
    description: `Scores out of 100 for each condition, with the band thresholds marked: ${describeScores(titles, scores)}.`,
    conditions: titles,
    bands: a.questionnaire.bands,
    series: [{ scores }],
  });
}

/** The whole group and each shown role group, condition by condition: the figures the report shows. */
export function workshopChart(g: GroupResult, title: string): string {
  const titles = g.conditions.map((c) => c.condition.title);
  const series = [
    { label: `Everyone (${g.respondents})`, scores: g.conditions.map((c) => c.score) },
    ...g.perspectives.groups.map((r) => ({ label: `${r.label} (${r.n})`, scores: r.conditions.map((c) => c.score) })),
  ];
  return renderChart({
    title,
    description: `Scores out of 100 for each condition, for everyone and for each group shown in the report (groups on the questions everyone was asked), with the band thresholds marked. ${series.map((s) => `${s.label}: ${describeScores(titles, s.scores)}`).join('. ')}.`,
    conditions: titles,
    bands: g.questionnaire.bands,
    series,
  });
}

/** Earlier and later scores side by side. */
export function compareChart(c: Comparison): string {
  const titles = c.conditions.map((x) => x.condition.title);
  const earlier = c.conditions.map((x) => x.earlier);
  const later = c.conditions.map((x) => x.later);
  return renderChart({
    title: 'Progress: earlier and later scores',
    description: `Scores out of 100 for each condition, earlier (${c.earlier.date ?? 'undated'}) then later (${c.later.date ?? 'undated'}), with the band thresholds marked. Earlier: ${describeScores(titles, earlier)}. Later: ${describeScores(titles, later)}.`,
    conditions: titles,
    bands: c.later.questionnaire.bands,
    series: [{ label: 'Earlier', scores: earlier }, { label: 'Later', scores: later }],
  });
}
