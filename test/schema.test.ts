// The committed JSON Schema files stay in step with the zod schemas (npm run schemas).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DONT_KNOW_SPELLINGS } from '../src/schemas/answers.js';
import { loadRegistry } from '../src/load/registry.js';
import { answersJsonSchema, answersJsonSchemaFor, questionnaireJsonSchema, schemaText, SCHEMA_FILES } from '../src/schemas/json-schema.js';
import { ROOT } from './helpers.js';

const committed = (name: string) => readFileSync(path.join(ROOT, 'schemas', name), 'utf8');

describe('JSON Schema', () => {
  it('schemas/ matches the zod schemas (run npm run schemas after changing them)', () => {
    expect(committed(SCHEMA_FILES.answers)).toBe(schemaText(answersJsonSchema()));
    expect(committed(SCHEMA_FILES.questionnaire)).toBe(schemaText(questionnaireJsonSchema()));
  });
  it('is draft-07 and rejects unknown keys', () => {
    const s = answersJsonSchema() as { $schema: string; additionalProperties: boolean; required: string[] };
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(['questionnaire', 'version', 'organisation']);
  });
  it('knows a questionnaire\'s ids and labels with -q', () => {
    const q = loadRegistry().latest('ostrom-four-conditions')!.questionnaire;
    const s = answersJsonSchemaFor(q) as { properties: { answers: { anyOf: { properties: Record<string, { anyOf: [{ enum: unknown[] }, { pattern: string }] }>; additionalProperties: boolean }[] } } };
    const answers = s.properties.answers.anyOf[0]!;
    expect(Object.keys(answers.properties)).toEqual(q.conditions.flatMap((c) => c.questions.map((x) => x.id)));
    expect(answers.additionalProperties).toBe(false);
    const value = answers.properties[q.conditions[0]!.questions[0]!.id]!;
    // Any spelling the loader accepts is valid in an editor too.
    const pattern = new RegExp(value.anyOf[1].pattern);
    expect([' agree ', 'STRONGLY DISAGREE', '3', "don't know", 'Agre', '5'].map((x) => pattern.test(x))).toEqual([true, true, true, true, false, false]);
    // Every spelling of don't know that the loader takes, curly apostrophes included.
    for (const spelling of DONT_KNOW_SPELLINGS) expect(pattern.test(spelling), spelling).toBe(true);
    expect(value.anyOf[0].enum).toEqual([0, 1, 2, 3, 4, 'Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree', 'dont-know', "Don't know", null]);
  });
});
