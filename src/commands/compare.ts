// `compare <earlier> <later>`: progress over time. Each side is one answers file, or a
// folder of files scored as a group.
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';
import type { Registry } from '../load/registry.js';
import { chartPathFor, compareChart } from '../render/chart.js';
import { changeMark, compareObject, renderCompare } from '../render/compare.js';
import { fmt } from '../render/markdown.js';
import { terminalBar } from '../render/terminal.js';
import { compare, sideOf, type Comparison } from '../score/compare.js';
import { assess, type Assessment } from '../score/score.js';
import { expandInputs } from '../util/inputs.js';
import { pad, truncate } from '../util/terminal.js';
import { writeFilesAtomic } from '../util/write.js';
import { EXIT, loadAnswersFiles, openRegistry, type GlobalOptions, type Io } from './context.js';

export interface CompareOptions {
  output?: string | undefined;
  json?: boolean | undefined;
  chart?: boolean | undefined;
  force?: boolean | undefined;
  /** Standard output is a terminal: with -o, show the bars there too. */
  stdoutIsTTY?: boolean | undefined;
}

function loadSide(label: string, input: string, registry: Registry, io: Io): { assessments: Assessment[]; invalid: number; label: string; input: string } {
  const { valid, invalid } = loadAnswersFiles(expandInputs([input]), registry, io);
  return { assessments: valid.map((l) => assess(l.questionnaire, l.answers)), invalid: invalid.length, label, input };
}

/** The questionnaire family of a side: its id, or the id of the fuller of a pair. */
function familyOf(assessments: readonly Assessment[]): Set<string> {
  return new Set(assessments.flatMap((a) => [a.questionnaire.id, ...(a.questionnaire.pairedWith ? [a.questionnaire.pairedWith] : [])]));
}

export function runCompare(earlierInput: string, laterInput: string, options: CompareOptions, globals: GlobalOptions, io: Io): number {
  if (options.chart && (!options.output || options.json)) throw new UsageError('--chart needs -o FILE for a Markdown report: the chart is written beside it');
  const { registry, invalid: registryInvalid } = openRegistry(globals, io);
  const earlier = loadSide('earlier', earlierInput, registry, io);
  const later = loadSide('later', laterInput, registry, io);
  // A side whose every file is broken: its diagnostics are out; nothing to compare (exit 1).
  const empty = [earlier, later].find((side) => !side.assessments.length);
  if (empty) {
    io.stderr(`ostrom-ready: the ${empty.label} side (${empty.input}) has no valid answers file to compare\n`);
    return EXIT.invalid;
  }
  for (const side of [earlier, later]) {
    const versions = new Set(side.assessments.map((a) => `${a.questionnaire.id}@${a.questionnaire.version}`));
    const ids = new Set(side.assessments.map((a) => a.questionnaire.id));
    if (ids.size === 1 && versions.size > 1) throw new UsageError(`one side mixes versions of ${[...ids][0]} (${[...versions].join(', ')}); compare one version per side`);
  }
  const shared = [...familyOf(earlier.assessments)].filter((id) => familyOf(later.assessments).has(id));
  if (!shared.length) {
    throw new UsageError(`the two sides use different questionnaires (${[...new Set(earlier.assessments.map((a) => a.questionnaire.id))].join(', ')} and ${[...new Set(later.assessments.map((a) => a.questionnaire.id))].join(', ')}); compare answers to the same questionnaire`);
  }

  const comparison = compare(sideOf(earlier.assessments), sideOf(later.assessments));
  const chartFile = options.chart && options.output ? chartPathFor(options.output) : undefined;
  const text = options.json
    ? `${JSON.stringify(compareObject(comparison))}\n`
    : renderCompare(comparison, { chartFile: chartFile && path.basename(chartFile), leftOut: earlier.invalid + later.invalid });
  if (options.output) {
    writeFilesAtomic([{ file: options.output, content: text }, ...(chartFile ? [{ file: chartFile, content: compareChart(comparison) }] : [])], { overwrite: options.force });
    if (options.stdoutIsTTY) io.stdout(terminalCompare(comparison));
    io.stderr(`Wrote ${options.output}${chartFile ? ` and ${chartFile}` : ''}\n`);
  } else {
    io.stdout(text);
  }
  return registryInvalid || earlier.invalid || later.invalid ? EXIT.invalid : EXIT.ok;
}

/** The same comparison as bars of characters, for a terminal. */
export function terminalCompare(c: Comparison): string {
  const rows = [...c.conditions.map((x) => ({ title: x.condition.title, ...x })), { title: 'Overall', ...c.overall }];
  const lines = rows.map((r) => {
    const e = terminalBar(r.earlier, 10);
    const l = terminalBar(r.later, 10);
    return `${pad(truncate(r.title, 34), 34)} ${pad(fmt(r.earlier), 5, true)} ${e.filled}${e.empty} → ${pad(fmt(r.later), 5, true)} ${l.filled}${l.empty}  ${changeMark(r.change)}`;
  });
  return `${lines.join('\n')}\n`;
}
