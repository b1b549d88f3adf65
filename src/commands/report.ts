// `report <answers>`: the Markdown action report (or the JSON result) for one answers file.
import { existsSync } from 'node:fs';
import { UsageError } from '../load/diagnostics.js';
import { loadAnswersFile } from '../load/answers.js';
import { resultObject } from '../render/json.js';
import { renderReport } from '../render/report.js';
import { assess } from '../score/score.js';
import { writeFileAtomic } from '../util/write.js';
import { EXIT, openRegistry, printDiagnostics, type GlobalOptions, type Io } from './context.js';

export interface ReportOptions {
  output?: string | undefined;
  json?: boolean;
  named?: boolean;
  force?: boolean;
}

export function runReport(file: string, options: ReportOptions, globals: GlobalOptions, io: Io): number {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const { registry } = openRegistry(globals, io);
  const loaded = loadAnswersFile(file, registry);
  if (!loaded.ok) {
    printDiagnostics(io, loaded.diagnostics);
    return EXIT.invalid;
  }
  const assessment = assess(loaded.value.questionnaire, loaded.value.answers);
  const text = options.json
    ? `${JSON.stringify(resultObject(file, assessment, { named: options.named }))}\n`
    : renderReport(assessment);
  if (options.output) {
    writeFileAtomic(options.output, text, { overwrite: options.force });
    io.stderr(`Wrote ${options.output}\n`);
  } else {
    io.stdout(text);
  }
  return EXIT.ok;
}
