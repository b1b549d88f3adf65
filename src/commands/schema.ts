// `schema <answers|questionnaire>`: the JSON Schema of a file format.
import { UsageError } from '../load/diagnostics.js';
import { answersJsonSchema, answersJsonSchemaFor, questionnaireJsonSchema, schemaText } from '../schemas/json-schema.js';
import { EXIT, openRegistry, type GlobalOptions, type Io } from './context.js';

export function runSchema(kind: string, globals: GlobalOptions, io: Io): number {
  if (kind === 'questionnaire') {
    io.stdout(schemaText(questionnaireJsonSchema()));
    return EXIT.ok;
  }
  if (kind !== 'answers') throw new UsageError(`schema: expected "answers" or "questionnaire", not "${kind}"`);
  if (!globals.questionnaire) {
    io.stdout(schemaText(answersJsonSchema()));
    return EXIT.ok;
  }
  const { registry } = openRegistry(globals, io);
  io.stdout(schemaText(answersJsonSchemaFor(registry.current().questionnaire)));
  return EXIT.ok;
}
