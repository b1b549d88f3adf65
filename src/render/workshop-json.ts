// The group result as JSON (formats.md, "A group: workshop --json"). The keys formats.md
// lists are the contract; a few more (marked below) say what the contract leaves implicit.
// Figures the privacy rule withholds are already null or absent in the GroupResult.
import type { Diagnostic } from '../load/diagnostics.js';
import type { GroupResult, QuestionStats } from '../score/group.js';
import { GENERATOR } from '../version.js';
import { firstError, round1 } from './json.js';

export interface WorkshopJsonOptions {
  /** Include respondents' names (--named). */
  named?: boolean;
  /** Files that could not be used, with the first problem of each. */
  invalid?: readonly { file: string; diagnostics: readonly Diagnostic[] }[];
}

function questionObject(s: QuestionStats): Record<string, unknown> {
  return {
    question: s.question.id,
    condition: s.condition.id, // extra: where the question belongs
    asked: s.asked, // extra: how many were asked it (the community variant leaves some out)
    withheld: s.withheld, // extra: asked of fewer than --min-group people, so no figures
    n: s.withheld ? null : s.n,
    dontKnow: s.withheld ? null : s.dontKnow,
    median: round1(s.median),
    mean: round1(s.mean),
    ad: round1(s.ad),
    agrees: s.agrees,
    split: s.split,
    distribution: s.withheld ? null : Object.fromEntries(s.distribution.map((d) => [String(d.value), d.count])),
  };
}

export function workshopObject(g: GroupResult, options: WorkshopJsonOptions = {}): Record<string, unknown> {
  const q = g.questionnaire;
  return {
    generator: GENERATOR,
    questionnaire: { id: q.id, version: q.version },
    // extra: each questionnaire answered (one, or it and its paired variant)
    questionnaires: g.answered.map((a) => ({ id: a.questionnaire.id, version: a.questionnaire.version, respondents: a.respondents })),
    respondents: g.respondents,
    minGroup: g.minGroup, // extra: the privacy threshold used
    invalid: (options.invalid ?? []).map(({ file, diagnostics }) => ({ file, error: firstError(diagnostics, 'the file cannot be used') })),
    // extra: counts by role (names only with --named)
    participants: g.participants.map((p) => ({ role: p.label, n: p.n, ...(options.named ? { names: p.names } : {}) })),
    overall: { score: round1(g.overall.score), band: g.overall.band?.label ?? null },
    weakest: g.weakest?.condition.id ?? null, // extra, as in the one-respondent result
    conditions: g.conditions.map((c) => ({
      id: c.condition.id,
      score: round1(c.score),
      band: c.band?.label ?? null,
      n: c.n,
      lowest: round1(c.lowest),
      highest: round1(c.highest),
    })),
    discuss: g.discuss.map(questionObject),
    questions: g.questions.map(questionObject),
    roles: g.perspectives.groups.map((r) => ({
      role: r.label,
      n: r.n,
      pooled: r.pool, // extra: true for "other roles"
      ...(r.pool ? { includes: r.roles } : {}), // extra: the roles pooled
      conditions: r.conditions.map((c) => ({ id: c.condition.id, score: round1(c.score) })),
    })),
    // extra: the questions the roles are compared on
    sharedQuestions: g.perspectives.sharedQuestions,
    gaps: g.perspectives.gaps.map((x) => ({ condition: x.condition.id, gap: round1(x.gap), highest: x.highest, lowest: x.lowest, flagged: x.flagged })),
    barriers: g.barriers.map((b) => ({ id: b.barrier.id, kind: b.barrier.kind, present: b.present, possible: b.possible })),
    actions: g.actions,
  };
}
