// `validate <inputs...>`: check answers files and questionnaire files without scoring.
import { realpathSync } from 'node:fs';
import { loadAnswersFile } from '../load/answers.js';
import type { Diagnostic } from '../load/diagnostics.js';
import { loadQuestionnaireFile, sortDiagnostics } from '../load/questionnaire.js';
import { checkPair } from '../load/registry.js';
import { parseYaml, position, readInputText } from '../load/yaml-document.js';
import { expandInputs } from '../util/inputs.js';
import { safeForTerminal } from '../util/terminal.js';
import { EXIT, openRegistry, printDiagnostics, type GlobalOptions, type Io } from './context.js';

const QUESTIONNAIRE_KEYS = ['conditions', 'scale', 'bands', 'barriers'];

/** A questionnaire file has conditions or a scale at the top; anything else is read as answers. */
function isQuestionnaireFile(file: string): boolean {
  const read = readInputText(file);
  if ('diagnostic' in read) return false;
  const { source } = parseYaml(file, read.text);
  const contents = source.doc.contents as { items?: { key?: { value?: unknown } }[] } | null;
  return !!contents?.items?.some((pair) => QUESTIONNAIRE_KEYS.includes(String(pair?.key?.value)));
}

export function runValidate(inputs: readonly string[], globals: GlobalOptions, io: Io): number {
  const files = expandInputs(inputs);
  const { registry, invalid: registryInvalid } = openRegistry(globals, io);
  let invalid = registryInvalid;
  const real = (f: string) => { try { return realpathSync(f); } catch { return f; } };
  for (const file of files) {
    let problems: Diagnostic[];
    let ok: string;
    if (isQuestionnaireFile(file)) {
      const loaded = loadQuestionnaireFile(file);
      if (!loaded.ok) {
        problems = loaded.diagnostics;
        ok = '';
      } else {
        const q = loaded.value.questionnaire;
        const same = registry.entries.find((e) => real(e.file) === real(file));
        const others = registry.entries.filter((e) => e !== same);
        const twin = others.find((e) => e.questionnaire.id === q.id && e.questionnaire.version === q.version);
        problems = sortDiagnostics([
          ...(twin ? [{ file, ...position(loaded.value.source, ['id']), message: `questionnaire "${q.id}" version ${q.version} is also defined in ${twin.file}; give one a new version or id` }] : []),
          ...checkPair(loaded.value, [...others, loaded.value]),
        ]);
        const count = q.conditions.reduce((n, c) => n + c.questions.length, 0);
        ok = `questionnaire ${q.id} version ${q.version}, ${count} questions in ${q.conditions.length} conditions`;
      }
    } else {
      const loaded = loadAnswersFile(file, registry);
      if (loaded.ok) {
        const a = loaded.value.answers;
        const values = Object.values(a.answers);
        const given = values.filter((v) => v !== null).length;
        ok = `answers for ${a.questionnaire} version ${a.version}, ${given} of ${values.length} questions answered`;
        problems = [];
      } else {
        problems = loaded.diagnostics;
        ok = '';
      }
    }
    if (problems.length) {
      invalid = true;
      printDiagnostics(io, problems);
    } else {
      io.stdout(`${safeForTerminal(file)}: ok (${ok})\n`);
    }
  }
  return invalid ? EXIT.invalid : EXIT.ok;
}
