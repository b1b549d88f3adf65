// The answers file format (formats.md, section 2): the shape only. Whether an id is a
// question of the questionnaire, or a value is on its scale, is checked by the loader,
// which knows the questionnaire.
import * as z from 'zod';

export const DONT_KNOW = 'dont-know' as const;
/** The ways of writing "don't know" that an answers file may use, in lower case. */
export const DONT_KNOW_SPELLINGS = ['dont-know', "don't know", 'dont know', 'don’t know', "don't-know", 'don’t-know'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be an ISO date, YYYY-MM-DD' })
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // the pattern above says what is wrong
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, { message: 'is not a real calendar date' });

export const AnswerValueSchema = z
  .union([z.number(), z.string(), z.null()])
  .describe('A scale value, its label, "dont-know", or null (not answered yet)');

export const AnswersFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Where an editor finds this JSON Schema'),
    questionnaire: z.string().min(1).describe('The questionnaire id, for example ostrom-four-conditions'),
    version: z.number().int().positive().describe('The questionnaire version these answers are for'),
    organisation: z.string().min(1).describe('The organisation assessed'),
    scope: z.string().nullable().optional().describe('The service or area assessed'),
    respondent: z
      .strictObject({
        name: z.string().nullable().optional().describe('Personal data: shown only in this respondent\'s own report, or with --named'),
        role: z.string().nullable().optional().describe('A role of the questionnaire, or any text'),
      })
      .nullable()
      .optional(),
    date: isoDate.nullable().optional().describe('When the answers were given, YYYY-MM-DD'),
    answers: z.record(z.string(), AnswerValueSchema).nullable().optional()
      .describe('Question id -> a scale value, its label, dont-know, or null'),
    notes: z.record(z.string(), z.string().nullable()).nullable().optional()
      .describe('Free text, keyed by question id or condition id'),
  })
  .describe('One person\'s (or one organisation\'s agreed) answers to an ostrom-ready questionnaire');


/** A normalised answer: a scale value, don't know, or not answered. */
export type Answer = number | typeof DONT_KNOW | null;

/** An answers file after checking it against its questionnaire. */
export interface Answers {
  questionnaire: string;
  version: number;
  organisation: string;
  scope: string | null;
  respondent: { name: string | null; role: string | null };
  date: string | null;
  answers: Record<string, Answer>;
  notes: Record<string, string>;
}
