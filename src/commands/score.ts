// `score <inputs...>`: batch scoring. A table, or one JSON line per input in input order.
import { loadAnswersFile } from '../load/answers.js';
import { errorObject, resultObject } from '../render/json.js';
import { fmt } from '../render/markdown.js';
import { assess, type Assessment } from '../score/score.js';
import { expandInputs } from '../util/inputs.js';
import { columns, safeForTerminal, truncate } from '../util/terminal.js';
import { EXIT, openRegistry, printDiagnostics, type GlobalOptions, type Io } from './context.js';

export interface ScoreOptions {
  json?: boolean;
  named?: boolean;
}

export function runScore(inputs: readonly string[], options: ScoreOptions, globals: GlobalOptions, io: Io): number {
  const files = expandInputs(inputs);
  const { registry, invalid: registryInvalid } = openRegistry(globals, io);
  let invalid = registryInvalid;
  const rows: { file: string; assessment: Assessment | null }[] = [];
  for (const file of files) {
    const loaded = loadAnswersFile(file, registry);
    if (!loaded.ok) {
      invalid = true;
      printDiagnostics(io, loaded.diagnostics);
      if (options.json) io.stdout(`${JSON.stringify(errorObject(file, loaded.diagnostics))}\n`);
      rows.push({ file, assessment: null });
      continue;
    }
    const assessment = assess(loaded.value.questionnaire, loaded.value.answers);
    if (options.json) io.stdout(`${JSON.stringify(resultObject(file, assessment, { named: options.named }))}\n`);
    rows.push({ file, assessment });
  }
  if (!options.json) io.stdout(scoreTable(rows, options));
  return invalid ? EXIT.invalid : EXIT.ok;
}

/** The readable table: one row per input, conditions in questionnaire order. */
export function scoreTable(rows: readonly { file: string; assessment: Assessment | null }[], options: ScoreOptions): string {
  const first = rows.find((r) => r.assessment)?.assessment;
  const conditionIds = first ? first.questionnaire.conditions.map((c) => c.id) : [];
  const header = ['Organisation', ...(options.named ? ['Name'] : []), 'Role', 'Overall', ...conditionIds, 'Weakest', 'Top barrier'];
  const body = rows.map(({ file, assessment: a }) => {
    if (!a) return [truncate(safeForTerminal(file), 40), ...(options.named ? [''] : []), '', 'invalid', ...conditionIds.map(() => ''), '', ''];
    const byId = new Map(a.conditions.map((c) => [c.condition.id, c.score]));
    const top = a.barriers.find((b) => b.status === 'present');
    return [
      truncate(safeForTerminal(a.answers.organisation), 40),
      ...(options.named ? [truncate(safeForTerminal(a.answers.respondent.name ?? ''), 24)] : []),
      truncate(safeForTerminal(a.answers.respondent.role ?? ''), 16),
      fmt(a.overall.score),
      ...conditionIds.map((id) => (byId.has(id) ? fmt(byId.get(id)!) : '')),
      a.weakest?.condition.id ?? '',
      top ? truncate(top.barrier.id, 30) : '',
    ];
  });
  const numeric = new Set<number>();
  const offset = options.named ? 3 : 2;
  for (let i = 0; i <= conditionIds.length; i++) numeric.add(offset + i);
  return columns(header, body, numeric);
}
