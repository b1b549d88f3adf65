// Actions as the individual and the workshop reports both show them: the first few in full
// (why, what to do, a first step, an example, sources), with their sources cited.
import type { Action, Questionnaire } from '../schemas/questionnaire.js';
import { memoPerObject } from '../util/memo.js';
import { inline, paragraphs } from './markdown.js';

/** The report's "priority actions" are the first five of the plan (cli.md). */
export const PRIORITY_ACTIONS = 5;

/** "Ostrom, E. (1996)" from a full citation: the part up to the year. */
export function shortCitation(citation: string): string {
  const m = /^(.*?\((?:\d{4}[a-z]?|no date|n\.d\.)\))/.exec(citation);
  return m ? m[1]! : citation;
}

/** A questionnaire's citations by reference key, made once per questionnaire. */
export const citationsOf = memoPerObject((q: Questionnaire) => new Map(q.references.map((r) => [r.key, r.citation])));

// Each action's sources as cited: worked out once, not in every report of a batch.
const sourceTexts = new WeakMap<Action, string>();

/** An action's sources in short form; each one is added to `cited` for the references list. */
export function sourcesCiter(q: Questionnaire, cited: Set<string>): (action: Action) => string {
  return (action) => {
    for (const key of action.sources) cited.add(key);
    let text = sourceTexts.get(action);
    if (text === undefined) {
      const refs = citationsOf(q);
      text = action.sources.map((key) => (refs.has(key) ? inline(shortCitation(refs.get(key)!)) : key)).join('; ');
      sourceTexts.set(action, text);
    }
    return text;
  };
}

/** One priority action in full, numbered: its lines joined with new lines, the last one empty. */
export function actionBlock(number: number, action: Action, why: string, sources: string): string {
  return [
    `### ${number}. ${inline(action.title)}`, '',
    `**Why:** ${why}.`, '',
    ...paragraphs(action.detail).flatMap((p) => [p, '']),
    `**First step:** ${inline(action.firstStep)}`, '',
    ...(action.example ? [`**Example from practice:** ${inline(action.example)}`, ''] : []),
    ...(action.sources.length ? [`**Source:** ${sources}`, ''] : []),
  ].join('\n');
}
