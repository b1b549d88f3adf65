// `questionnaires`: what is available, by id and version.
import { questionCount } from '../schemas/questionnaire.js';
import { GENERATOR } from '../version.js';
import { EXIT, openRegistry, type GlobalOptions, type Io } from './context.js';

export function runQuestionnaires(options: { json?: boolean }, globals: GlobalOptions, io: Io): number {
  const { registry, invalid } = openRegistry(globals, io);
  const rows = [...registry.entries]
    .sort((a, b) => a.questionnaire.id.localeCompare(b.questionnaire.id) || b.questionnaire.version - a.questionnaire.version)
    .map(({ questionnaire: q, file }) => ({
      id: q.id,
      version: q.version,
      title: q.title,
      audience: q.audience,
      language: q.language,
      questions: questionCount(q),
      pairedWith: q.pairedWith ?? null,
      file,
    }));
  if (options.json) {
    io.stdout(`${JSON.stringify({ generator: GENERATOR, questionnaires: rows })}\n`);
  } else {
    for (const r of rows) {
      io.stdout(`${r.id}  version ${r.version}  ${r.questions} questions\n  ${r.title}\n  For: ${r.audience}${r.pairedWith ? `\n  Paired with: ${r.pairedWith}` : ''}\n\n`);
    }
  }
  return invalid ? EXIT.invalid : EXIT.ok;
}
