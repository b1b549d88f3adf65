#!/usr/bin/env node
// Write the committed JSON Schema files from the zod schemas (after `npm run build`).
// test/schema.test.ts fails when they are out of step.
import { writeFileSync } from 'node:fs';
import { answersJsonSchema, questionnaireJsonSchema, schemaText, SCHEMA_FILES } from '../build/schemas/json-schema.js';

writeFileSync(new URL(`../schemas/${SCHEMA_FILES.answers}`, import.meta.url), schemaText(answersJsonSchema()));
writeFileSync(new URL(`../schemas/${SCHEMA_FILES.questionnaire}`, import.meta.url), schemaText(questionnaireJsonSchema()));
console.log('wrote schemas/');
