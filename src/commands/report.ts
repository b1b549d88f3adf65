// `report <answers>`: the Markdown action report (or the JSON result) for one answers file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../load/diagnostics.js';
import { loadAnswersFile } from '../load/answers.js';
import { errorObject, resultObject } from '../render/json.js';
import { chartPathFor, reportChart } from '../render/chart.js';
import { renderReport } from '../render/report.js';
import { assess } from '../score/score.js';
import { writeFilesAtomic } from '../util/write.js';
import { EXIT, openRegistry, printDiagnostics, type GlobalOptions, type Io } from './context.js';

export interface ReportOptions {
  output?: string | undefined;
  json?: boolean;
  named?: boolean;
  force?: boolean;
  /** Also write an SVG chart beside the report (needs `output`). */
  chart?: boolean;
  /** Standard output is a terminal: with -o, the summary with bars is shown there. */
  stdoutIsTTY?: boolean;
}

export async function runReport(file: string, options: ReportOptions, globals: GlobalOptions, io: Io): Promise<number> {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  if (options.chart && (!options.output || options.json)) throw new UsageError('--chart needs -o FILE for a Markdown report: the chart is written beside it');
  const { registry, invalid } = openRegistry(globals, io);
  const loaded = loadAnswersFile(file, registry);
  if (!loaded.ok) {
    printDiagnostics(io, loaded.diagnostics);
    if (options.json) io.stdout(`${JSON.stringify(errorObject(file, loaded.diagnostics))}\n`);
    return EXIT.invalid;
  }
  const assessment = assess(loaded.value.questionnaire, loaded.value.answers);
  const chartFile = options.chart && options.output ? chartPathFor(options.output) : undefined;
  const text = options.json
    ? `${JSON.stringify(resultObject(file, assessment, { named: options.named }))}\n`
    : renderReport(assessment, { chartFile: chartFile && path.basename(chartFile) });
  if (options.output) {
    writeFilesAtomic([
      { file: options.output, content: text },
      ...(chartFile ? [{ file: chartFile, content: reportChart(assessment) }] : []),
    ], { overwrite: options.force });
    if (options.stdoutIsTTY && !options.json) {
      // Loaded only for a terminal: it brings chalk and its terminal checks.
      const { colourWanted, renderTerminalSummary } = await import('../render/terminal.js');
      io.stdout(renderTerminalSummary(assessment, { color: colourWanted(globals.color, process.stdout), width: process.stdout.columns || 80 }));
    }
    io.stderr(`Wrote ${options.output}${chartFile ? ` and ${chartFile}` : ''}\n`);
  } else {
    io.stdout(text);
  }
  return invalid ? EXIT.invalid : EXIT.ok;
}
