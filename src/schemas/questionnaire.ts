// The questionnaire file format (formats.md, section 1). These zod schemas are the single
// source of truth: the TypeScript types, the loader's checks and the exported JSON Schema
// all come from them.
import * as z from 'zod';

export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The schema is made on first use, not when the module loads: a command whose questionnaire
 * comes from the build's cache (every bundled one) never needs it, and making it costs some
 * milliseconds of start-up.
 */
function makeQuestionnaireSchema() {
  const kebabId = (what: string) =>
    z.string().regex(KEBAB_CASE, { message: `must be kebab-case (lower-case letters, digits and single hyphens), as ${what.toLowerCase()} is` });

  const text = (description: string) => z.string().min(1).describe(description);

  const ScaleOptionSchema = z.strictObject({
    value: z.number().describe('The number stored in answers files for this option'),
    label: text('What the person answering sees, for example "Agree"'),
  });

  const ScaleSchema = z
    .strictObject({
      options: z.array(ScaleOptionSchema).min(2).describe('Answer options, ascending by value'),
      dontKnow: z.boolean().default(true).describe('Offer "Don\'t know" as an answer'),
    })
    .describe('The answer scale shared by every question');

  const ScoringSchema = z
    .strictObject({
      minCoverage: z.number().min(0).max(1).default(0.5)
        .describe('A condition needs this share of its questions answered to get a score'),
      signalAtMost: z.number().min(0).max(1).default(0.25)
        .describe('An answer whose item score is at most this signals its barriers'),
      barrierPresentAt: z.number().min(0).max(1).default(0.5)
        .describe('A barrier is present when this share of its answered signals signal...'),
      barrierMinSignals: z.number().int().min(1).default(2)
        .describe('...and at least this many answers signal'),
    })
    .describe('Scoring thresholds; every key is optional');

  const BandSchema = z.strictObject({
    min: z.number().min(0).max(100).describe('The lowest score (0 to 100) in this band'),
    label: text('The band name, for example "Recognition"'),
    meaning: text('What this level looks like in an organisation'),
  });

  const QuestionSchema = z.strictObject({
    id: kebabId('A question id').describe('Unique across the questionnaire; answers files use it as the key'),
    text: text('A statement to agree or disagree with'),
    help: z.string().min(1).optional().describe('One or two sentences shown on request'),
    reverse: z.boolean().default(false).describe('True when agreeing is the weak answer'),
    weight: z.number().positive().default(1).describe('Weight in the condition score, greater than 0'),
  });

  const ConditionSchema = z.strictObject({
    id: kebabId('A condition id'),
    title: text('The condition as a short title'),
    summary: text('What the condition means, in plain words'),
    source: kebabId('A reference key').optional().describe('A key of references'),
    actions: z.array(kebabId('An action id')).default([]).describe('Suggested when this is the weakest condition'),
    questions: z.array(QuestionSchema).min(1, { message: 'a condition needs at least one question' }),
  });

  const BarrierSchema = z.strictObject({
    id: kebabId('A barrier id'),
    kind: z.enum(['barrier', 'risk']).default('barrier').describe('barrier, or risk (shown as a warning)'),
    title: text('The barrier as practitioners name it'),
    description: text('What the barrier is'),
    source: kebabId('A reference key').optional().describe('A key of references'),
    signals: z.array(kebabId('A question id')).min(1).describe('Question ids whose weak answers signal this barrier'),
    actions: z.array(kebabId('An action id')).min(1).describe('Action ids that address this barrier'),
  });

  const ActionSchema = z.strictObject({
    id: kebabId('An action id'),
    title: text('The action, as an instruction'),
    detail: text('What to do and why'),
    firstStep: text('Something a team can do this month'),
    example: z.string().min(1).optional().describe('A case from practice, with its figures and year'),
    sources: z.array(kebabId('A reference key')).default([]).describe('Keys of references'),
  });

  const ReferenceSchema = z.strictObject({
    key: kebabId('A reference key'),
    citation: text('The full citation'),
  });

  return z
    .strictObject({
      $schema: z.string().optional().describe('Where an editor finds this JSON Schema'),
      id: kebabId('The questionnaire id').describe('kebab-case, unique among questionnaires'),
      version: z.number().int().positive().describe('Bump whenever questions, scale or scoring change'),
      title: text('The questionnaire title'),
      audience: text('Who answers it'),
      language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'must be a BCP 47 language tag such as en or en-GB' }).default('en'),
      description: text('Shown before the first question'),
      pairedWith: kebabId('A questionnaire id').optional().describe('The variant of this questionnaire for another audience'),
      evidenceNote: z.string().min(1).optional().describe("The report's note on what the scores can and cannot say (paragraphs)"),
      scale: ScaleSchema,
      roles: z.array(kebabId('A role')).optional().describe('Offered by assess, used to group workshop answers'),
      scoring: ScoringSchema.default({ minCoverage: 0.5, signalAtMost: 0.25, barrierPresentAt: 0.5, barrierMinSignals: 2 }),
      bands: z.array(BandSchema).min(1).describe('Ascending by min; the first min is 0'),
      conditions: z.array(ConditionSchema).min(1),
      barriers: z.array(BarrierSchema).default([]),
      actions: z.array(ActionSchema).default([]),
      references: z.array(ReferenceSchema).default([]),
    })
    .describe('An ostrom-ready questionnaire');
}

let made: ReturnType<typeof makeQuestionnaireSchema> | undefined;
export function questionnaireSchema(): ReturnType<typeof makeQuestionnaireSchema> {
  return (made ??= makeQuestionnaireSchema());
}

export type Questionnaire = z.output<ReturnType<typeof questionnaireSchema>>;
export type Condition = Questionnaire['conditions'][number];
export type Question = Condition['questions'][number];
export type Barrier = Questionnaire['barriers'][number];
export type Action = Questionnaire['actions'][number];
export type Band = Questionnaire['bands'][number];

/** How many questions a questionnaire asks, in all its conditions. */
export function questionCount(q: Questionnaire): number {
  return q.conditions.reduce((n, c) => n + c.questions.length, 0);
}
