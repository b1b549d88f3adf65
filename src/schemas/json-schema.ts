// JSON Schema (draft-07) for the file formats, generated from the zod schemas, so that
// editors (the YAML language server) check and autocomplete files as people type.
import * as z from 'zod';
import { AnswersFileSchema, DONT_KNOW_SPELLINGS } from './answers.js';
import { questionnaireSchema, type Questionnaire } from './questionnaire.js';

type JsonSchema = Record<string, unknown>;

export const SCHEMA_FILES = {
  answers: 'answers.schema.json',
  questionnaire: 'questionnaire.schema.json',
} as const;

function generate(schema: z.ZodType, title: string): JsonSchema {
  // Input shapes: what a person writes (defaults may be left out).
  const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input' }) as JsonSchema;
  return { $schema: json.$schema, title, ...json };
}

export function questionnaireJsonSchema(): JsonSchema {
  return generate(questionnaireSchema(), 'ostrom-ready questionnaire');
}

export function answersJsonSchema(): JsonSchema {
  return generate(AnswersFileSchema, 'ostrom-ready answers');
}

/** A regular expression for text matched without regard to case (JSON Schema has no flags). */
function anyCase(text: string): string {
  return [...text].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
}

/**
 * What an answer may be, as the loader reads it: a scale value (also written "3"), a label in
 * any case with spaces around it, don't know in its spellings, or null. The enum is what an
 * editor offers; the pattern accepts the other spellings.
 */
function answerValueSchema(q: Questionnaire): JsonSchema {
  const values: unknown[] = [...q.scale.options.map((o) => o.value), ...q.scale.options.map((o) => o.label)];
  if (q.scale.dontKnow) values.push('dont-know', "Don't know");
  values.push(null);
  const spellings = [...q.scale.options.map((o) => String(o.value)), ...q.scale.options.map((o) => o.label.trim())];
  if (q.scale.dontKnow) spellings.push(...DONT_KNOW_SPELLINGS);
  return { anyOf: [{ enum: values }, { type: 'string', pattern: `^\\s*(?:${spellings.map(anyCase).join('|')})\\s*$` }] };
}

/**
 * An answers schema that knows one questionnaire: its id and version, its question ids
 * (with their text as descriptions) and its scale values and labels, so that an editor
 * completes them and flags a misspelt id as it is typed.
 */
export function answersJsonSchemaFor(q: Questionnaire): JsonSchema {
  const schema = answersJsonSchema() as { properties: Record<string, JsonSchema>; title: string };
  const value = answerValueSchema(q);
  const scaleText = q.scale.options.map((o) => `${o.value} = ${o.label}`).join(', ');
  const questions: Record<string, JsonSchema> = {};
  const notes: Record<string, JsonSchema> = {};
  for (const c of q.conditions) {
    notes[c.id] = { type: ['string', 'null'], description: `A note on ${c.title}` };
    for (const question of c.questions) {
      questions[question.id] = {
        description: `${question.text}${question.reverse ? ' (reversed: agreeing is the weak answer)' : ''}\n${scaleText}${q.scale.dontKnow ? ', or dont-know' : ''}`,
        ...value,
      };
      notes[question.id] = { type: ['string', 'null'], description: `A note on: ${question.text}` };
    }
  }
  schema.title = `ostrom-ready answers for ${q.id} version ${q.version}`;
  schema.properties.questionnaire = { const: q.id, description: q.title };
  schema.properties.version = { const: q.version };
  schema.properties.answers = { anyOf: [{ type: 'object', properties: questions, additionalProperties: false }, { type: 'null' }], description: 'Question id -> a scale value, its label, dont-know, or null' };
  schema.properties.notes = { anyOf: [{ type: 'object', properties: notes, additionalProperties: false }, { type: 'null' }], description: 'Free text, keyed by question id or condition id' };
  if (q.roles?.length) {
    const respondent = schema.properties.respondent as { anyOf: { properties?: Record<string, JsonSchema> }[] };
    const role = respondent.anyOf[0]?.properties?.role;
    if (role) role.examples = q.roles;
  }
  return schema;
}

export function schemaText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
