// `validate <inputs...>`: check answers files and questionnaire files without scoring.
import { realpathSync } from 'node:fs';
import { parseAnswers } from '../load/answers.js';
import type { Diagnostic, Loaded } from '../load/diagnostics.js';
import { parseQuestionnaire, sortDiagnostics, type LoadedQuestionnaire } from '../load/questionnaire.js';
import { checkPair, duplicateDefinition, Registry } from '../load/registry.js';
import { questionCount } from '../schemas/questionnaire.js';
import { parseSimpleYaml } from '../load/fast-yaml.js';
import { parseYaml, readInputText } from '../load/yaml-document.js';
import { expandInputs } from '../util/inputs.js';
import { safeForTerminal } from '../util/terminal.js';
import { EXIT, openRegistry, printDiagnostics, type GlobalOptions, type Io } from './context.js';

const QUESTIONNAIRE_KEYS = ['conditions', 'scale', 'bands', 'barriers'];

/** A questionnaire file has conditions or a scale at the top; anything else is read as answers. */
function isQuestionnaireText(file: string, text: string): boolean {
  // Plain files are told apart without building a YAML document.
  const simple = parseSimpleYaml(text);
  if (simple) return QUESTIONNAIRE_KEYS.some((key) => key in simple);
  const { source } = parseYaml(file, text);
  const contents = source.doc.contents as { items?: { key?: { value?: unknown } }[] } | null;
  return !!contents?.items?.some((pair) => QUESTIONNAIRE_KEYS.includes(String(pair?.key?.value)));
}

export function runValidate(inputs: readonly string[], globals: GlobalOptions, io: Io): number {
  const files = expandInputs(inputs);
  const { registry, invalid: registryInvalid } = openRegistry(globals, io);
  let invalid = registryInvalid;
  const real = (f: string) => { try { return realpathSync(f); } catch { return f; } };

  // Questionnaires first: those given together are checked against each other (a pair), and
  // answers files given with them may answer them.
  // Each regular file is read to tell its kind and read again when its turn comes, rather
  // than every text held at once; what cannot be read again (a pipe), or failed, is kept.
  const kept = new Map<string, ReturnType<typeof readInputText>>();
  const readText = (file: string) => {
    const read = kept.get(file) ?? readInputText(file);
    kept.delete(file);
    return read;
  };
  const kinds = new Map(files.map((f) => {
    const read = readInputText(f);
    if (!('text' in read && read.regular)) kept.set(f, read);
    return [f, 'text' in read && isQuestionnaireText(f, read.text) ? 'questionnaire' : 'answers'] as const;
  }));
  const given = new Map<string, Loaded<LoadedQuestionnaire>>();
  for (const file of files) {
    if (kinds.get(file) !== 'questionnaire') continue;
    const read = readText(file);
    given.set(file, 'text' in read ? parseQuestionnaire(file, read.text) : { ok: false, diagnostics: [read.diagnostic] });
  }
  const givenOk = [...given.values()].filter((l): l is { ok: true; value: LoadedQuestionnaire } => l.ok).map((l) => l.value);
  const isGiven = (e: LoadedQuestionnaire) => givenOk.some((g) => real(g.file) === real(e.file));
  const available = [...registry.entries.filter((e) => !isGiven(e)), ...givenOk];
  const answersRegistry = new Registry(available, [], registry.chosen, registry.chosenById);

  for (const file of files) {
    let problems: Diagnostic[];
    let ok = '';
    const loadedQuestionnaire = given.get(file);
    if (loadedQuestionnaire) {
      if (!loadedQuestionnaire.ok) {
        problems = loadedQuestionnaire.diagnostics;
      } else {
        const entry = loadedQuestionnaire.value;
        const q = entry.questionnaire;
        const twin = available.find((e) => e !== entry && e.questionnaire.id === q.id && e.questionnaire.version === q.version);
        problems = sortDiagnostics([
          ...(twin ? [duplicateDefinition(entry, twin)] : []),
          ...checkPair(entry, available),
        ]);
        const count = questionCount(q);
        ok = `questionnaire ${q.id} version ${q.version}, ${count} questions in ${q.conditions.length} conditions`;
      }
    } else {
      const read = readText(file);
      const loaded = 'text' in read ? parseAnswers(file, read.text, answersRegistry) : { ok: false as const, diagnostics: [read.diagnostic] };
      if (loaded.ok) {
        const a = loaded.value.answers;
        const values = Object.values(a.answers);
        const answered = values.filter((v) => v !== null).length;
        ok = `answers for ${a.questionnaire} version ${a.version}, ${answered} of ${values.length} questions answered`;
        problems = [];
      } else {
        problems = loaded.diagnostics;
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
