// The action report for one answers file, in the order cli.md lists. Pure: an Assessment in,
// Markdown text out. Every number can be traced to the answers in the appendix.
import { DONT_KNOW, type Answer } from '../schemas/answers.js';
import type { Questionnaire } from '../schemas/questionnaire.js';
import type { Assessment, BarrierResult, ConditionResult, ItemResult } from '../score/score.js';
import { memoPerObject } from '../util/memo.js';
import { GENERATOR } from '../version.js';
import { actionBlock, PRIORITY_ACTIONS, shortCitation, sourcesCiter } from './actions.js';
import { bar, fmt, inline, paragraphs, plural, rememberText, row, table } from './markdown.js';

export interface ReportOptions {
  /** A link to an SVG chart written beside the report. */
  chartFile?: string;
}

/** How an answer reads: its scale label, "Don't know" or "Not answered". */
export function answerLabel(answer: Answer, q: Questionnaire): string {
  if (answer === null) return 'Not answered';
  if (answer === DONT_KNOW) return "Don't know";
  return q.scale.options.find((o) => o.value === answer)?.label ?? String(answer);
}


const pct = (share: number) => `${Math.round(share * 100)}%`;
const STRENGTH_AT = 0.75;

/** What every report of a batch takes from its questionnaire: worked out once per questionnaire. */
interface ReportParts {
  refs: Map<string, string>;
  actionsById: Map<string, Questionnaire['actions'][number]>;
  /** Each question's text, escaped, by id. */
  questionText: Map<string, string>;
}
const reportPartsOf = memoPerObject((q: Questionnaire): ReportParts => ({
  refs: new Map(q.references.map((r) => [r.key, r.citation])),
  actionsById: new Map(q.actions.map((x) => [x.id, x])),
  questionText: new Map(q.conditions.flatMap((c) => c.questions.map((x) => [x.id, inline(x.text)]))),
}));

export function renderReport(a: Assessment, options: ReportOptions = {}): string {
  const q = a.questionnaire;
  rememberText(q);
  const { refs, actionsById, questionText } = reportPartsOf(q);
  const cited = new Set<string>();
  const cite = (key: string | undefined) => { if (key) cited.add(key); };
  // Built by appending rather than joining an array of lines: a report is some 300 lines, and
  // this is the one place a batch of reports spends most of its rendering time.
  let text = '';
  const push = (...lines: string[]) => {
    for (const line of lines) text += `${line}\n`;
  };
  /** Paragraphs, each followed by an empty line. */
  const pushParagraphs = (ps: readonly string[]) => {
    for (const p of ps) text += `${p}\n\n`;
  };

  // 1. Title and summary
  const { answers } = a;
  push(`# Action report: ${inline(answers.organisation)}`, '');
  const facts: [string, string][] = [['Organisation', inline(answers.organisation)]];
  facts.push(['Scope', answers.scope !== null && answers.scope !== '' ? inline(answers.scope) : 'not given']);
  if (answers.respondent.name) facts.push(['Respondent', inline(answers.respondent.name)]);
  if (answers.respondent.role) facts.push(['Role', inline(answers.respondent.role)]);
  facts.push(['Date of answers', answers.date ?? 'undated']);
  facts.push(['Questionnaire', `${inline(q.title)} (\`${q.id}\`, version ${q.version})`]);
  for (const [k, v] of facts) push(`- **${k}:** ${v}`);
  push('', summary(a), '');

  // 2. Scores
  push('## Scores', '');
  push(...table(
    ['Condition', 'Score', '', 'Band', 'Answered', "Don't know"],
    [
      ...a.conditions.map((c) => [inline(c.condition.title), fmt(c.score), bar(c.score), c.band ? inline(c.band.label) : 'not enough answers', `${c.answered} of ${c.questions}`, String(c.dontKnow)]),
      ['**Overall**', `**${fmt(a.overall.score)}**`, bar(a.overall.score), a.overall.band ? `**${inline(a.overall.band.label)}**` : 'not enough answers', '', ''],
    ],
    ['l', 'r', 'l', 'l', 'r', 'r'],
  ));
  push('', `Scores run from 0 to 100. Bands: ${q.bands.map((b) => `${inline(b.label)} from ${b.min}`).join('; ')}. The overall score is the mean of the ${plural(a.conditions.length, 'condition')}, and only when each has a score.`, '');
  if (options.chartFile) push(`![Scores for each condition, as a bar chart](${encodeURI(options.chartFile)})`, '');

  // 3. The weakest condition
  if (a.weakest) {
    const w = a.weakest;
    cite(w.condition.source);
    push(`## Weakest condition: ${inline(w.condition.title)}`, '');
    push(`${inline(w.condition.title)} scores ${fmt(w.score)} (${inline(w.band?.label ?? '')}). Ostrom's conditions work together, so the weakest one limits what the others can achieve.${w.condition.source && refs.has(w.condition.source) ? ` Source: ${inline(shortCitation(refs.get(w.condition.source)!))}.` : ''}`, '');
    pushParagraphs(paragraphs(w.condition.summary));
    if (w.band) push(`**What ${inline(w.band.label)} looks like:** ${inline(w.band.meaning)}`, '');
  } else {
    push('## Weakest condition', '', 'No condition has enough answers to be scored yet, so there is no weakest condition to name. See "What you don\'t know yet" below.', '');
  }

  // 4. Barriers and risks
  push('## Barriers found', '');
  const present = a.barriers.filter((b) => b.status === 'present');
  const presentBarriers = present.filter((b) => b.barrier.kind === 'barrier');
  const presentRisks = present.filter((b) => b.barrier.kind === 'risk');
  const signalLines = (b: BarrierResult) => {
    const byAnswer = new Map<string, string[]>();
    for (const s of b.signalledBy) {
      const label = answerLabel(s.answer, q);
      byAnswer.set(label, [...(byAnswer.get(label) ?? []), questionText.get(s.question)!]);
    }
    return [...byAnswer].map(([label, texts]) => `You answered *${inline(label)}* to: ${texts.map((t) => `"${t}"`).join('; ')}`);
  };
  if (!presentBarriers.length) push('No barrier is clearly present in these answers.', '');
  for (const b of presentBarriers) {
    cite(b.barrier.source);
    push(`### ${inline(b.barrier.title)}`, '');
    pushParagraphs(paragraphs(b.barrier.description));
    push(`Signalled by ${b.signalling} of your ${plural(b.answered, 'answer')} on this (${pct(b.strength ?? 0)}).`, '');
    push(...signalLines(b).map((l) => `- ${l}`), '');
  }
  for (const r of presentRisks) {
    cite(r.barrier.source);
    push(`> **Warning, a risk: ${inline(r.barrier.title)}**`, '>');
    for (const p of paragraphs(r.barrier.description)) push(`> ${p}`, '>');
    for (const l of signalLines(r)) push(`> - ${l}`);
    push('');
  }
  const possible = a.barriers.filter((b) => b.status === 'possible');
  if (possible.length) {
    push('**Possible barriers** (one or more answers point this way, not enough to call it present):', '');
    for (const b of possible) push(`- ${b.barrier.kind === 'risk' ? 'Risk: ' : ''}${inline(b.barrier.title)}: ${signalLines(b).join('; ')}`);
    push('');
  }

  // 5. Actions
  push('## Priority actions', '');
  const why = (id: string): string => {
    const reasons: string[] = [];
    if (a.weakest?.condition.actions.includes(id)) reasons.push(`the weakest condition, ${inline(a.weakest.condition.title)}`);
    for (const b of present) if (b.barrier.actions.includes(id)) reasons.push(`${b.barrier.kind === 'risk' ? 'the risk' : 'the barrier'} "${inline(b.barrier.title)}"`);
    return reasons.join('; ');
  };
  const sourcesText = sourcesCiter(q, cited);
  if (!a.actions.length) push('No actions are suggested yet: answer more questions so that a weakest condition or a barrier can be found.', '');
  a.actions.slice(0, PRIORITY_ACTIONS).forEach((id, i) => {
    const action = actionsById.get(id)!;
    push(actionBlock(i + 1, action, why(id), sourcesText(action)));
  });
  const further = a.actions.slice(PRIORITY_ACTIONS);
  if (further.length) {
    push('### Further actions', '');
    for (const id of further) {
      const action = actionsById.get(id)!;
      push(`- **${inline(action.title)}** (for ${why(id)}). First step: ${inline(action.firstStep)}${action.sources.length ? ` Source: ${sourcesText(action)}.` : ''}`);
    }
    push('');
  }

  // 6. Strengths
  push('## Strengths', '');
  const strengths: ItemResult[] = [];
  const unknownItems: ItemResult[] = [];
  for (const c of a.conditions) {
    for (const i of c.items) {
      if (i.itemScore === null) unknownItems.push(i);
      else if (i.itemScore >= STRENGTH_AT) strengths.push(i);
    }
  }
  const strongest = strengths.sort((x, y) => y.itemScore! - x.itemScore!).slice(0, 5);
  if (strongest.length) {
    push('The questions you answered most strongly:', '');
    for (const i of strongest) push(`- You answered *${inline(answerLabel(i.answer, q))}* to: "${inline(i.question.text)}"`);
    push('');
  } else {
    push('No answer was strong enough to count as a strength yet.', '');
  }

  // 7. What you don't know yet
  push("## What you don't know yet", '');
  const unscored = a.conditions.filter((c) => c.score === null);
  for (const c of unscored) {
    const needed = Math.max(1, Math.ceil(q.scoring.minCoverage * c.questions));
    push(`- **${inline(c.condition.title)}: not enough answers** to score (${c.answered} of ${c.questions} answered; a score needs at least ${needed}).`);
  }
  if (unscored.length) push('');
  if (unknownItems.length) {
    push('Things to find out, so that the next assessment can answer them:', '');
    for (const i of unknownItems) push(`- ${inline(i.question.text)} (${i.answer === DONT_KNOW ? "don't know" : 'not answered'})`);
    push('');
  } else {
    push('Every question has an answer.', '');
  }
  const unknownBarriers = a.barriers.filter((b) => b.status === 'unknown');
  if (unknownBarriers.length) {
    push(`Not enough answers to tell whether these barriers are present: ${unknownBarriers.map((b) => inline(b.barrier.title)).join('; ')}.`, '');
  }

  // 8. Evidence
  push('## A note on evidence', '');
  // The questionnaire's own note, where it has one; otherwise a plain statement of what scores are.
  if (q.evidenceNote) pushParagraphs(paragraphs(q.evidenceNote));
  else {
    push(
      'These scores show how the answers lean, condition by condition; they are not a measurement of the organisation, a benchmark against others, or a forecast of savings. Do not claim savings from them.',
      '',
      'A higher score is not better for every service: working this way suits services built on relationships, such as health and social care, more than transactional ones.',
      '',
    );
  }
  push(`Every score here comes from the answers given ${answers.date ? `on ${answers.date}` : '(undated)'} and can be traced to them in the appendix.`, '');

  // 9. Appendix
  push('## Appendix', '', '### Your answers', '');
  for (const c of a.conditions) {
    push(`#### ${inline(c.condition.title)}`, '');
    const note = answers.notes[c.condition.id];
    if (note !== undefined) push(`*Your note:* ${inline(note)}`, '');
    push(...APPENDIX_HEADER);
    for (const i of c.items) push(appendixRow(i, q, answers.notes[i.question.id]));
    push('', arithmetic(c, q), '');
  }
  push('### How scores are computed', '');
  const { min, max } = { min: Math.min(...q.scale.options.map((o) => o.value)), max: Math.max(...q.scale.options.map((o) => o.value)) };
  push(
    `- Each answer on the scale gets an item score from 0 (weakest) to 1 (strongest): (answer − ${min}) ÷ ${max - min}, turned round for reversed questions, where agreeing is the weak answer. "Don't know" and unanswered questions are counted, never scored.`,
    `- A condition's score is 100 × the weighted mean of its item scores. It needs at least ${pct(q.scoring.minCoverage)} of its questions answered; below that it has no score.`,
    `- The overall score is the mean of the condition scores. The band is the last one whose minimum the score reaches.`,
    `- An answer with an item score of ${q.scoring.signalAtMost} or less signals the barriers that list its question. A barrier is present when at least ${pct(q.scoring.barrierPresentAt)} of its answered questions signal it, and at least ${q.scoring.barrierMinSignals} do; possible when some signal; absent when none do; unknown when none of its questions is answered.`,
    `- The action plan starts with the weakest condition's first action, then the actions for each present barrier and risk (strongest first), then the weakest condition's other actions.`,
    '',
  );
  if (cited.size) {
    push('### References', '');
    for (const r of q.references) if (cited.has(r.key)) push(`- ${inline(r.citation)}`);
    push('');
  }
  push('---', '', `Generated by ${GENERATOR} from questionnaire \`${q.id}\` version ${q.version}.`, '');
  return text.slice(0, -1); // as lines joined with new lines: none after the last
}

function summary(a: Assessment): string {
  const org = inline(a.answers.organisation);
  const sentences: string[] = [];
  if (a.overall.score !== null && a.overall.band) {
    sentences.push(`${org} scores ${fmt(a.overall.score)} out of 100 overall, at the ${inline(a.overall.band.label)} level.`);
  } else {
    const missing = a.conditions.filter((c) => c.score === null).length;
    sentences.push(`There is no overall score yet: ${plural(missing, 'condition has', 'conditions have')} too few answers to be scored.`);
  }
  if (a.weakest) {
    sentences.push(`The weakest condition is "${inline(a.weakest.condition.title)}" (${fmt(a.weakest.score)}); it limits the others, so start there.`);
  }
  const present = a.barriers.filter((b) => b.status === 'present' && b.barrier.kind === 'barrier');
  if (present.length) {
    sentences.push(`${plural(present.length, 'barrier is', 'barriers are')} present, the strongest being "${inline(present[0]!.barrier.title)}".`);
  } else if (a.barriers.some((b) => b.status !== 'unknown')) {
    sentences.push('No barrier is clearly present.');
  }
  const risks = a.barriers.filter((b) => b.status === 'present' && b.barrier.kind === 'risk');
  if (risks.length) sentences.push(`Some answers are warning signs: ${risks.map((r) => `"${inline(r.barrier.title)}"`).join(' and ')}.`);
  if (sentences.length < 2) {
    const all = a.conditions.flatMap((c) => c.items);
    const answered = all.filter((i) => i.itemScore !== null).length;
    const dontKnow = all.filter((i) => i.answer === DONT_KNOW).length;
    sentences.push(answered === 0
      ? `None of the ${all.length} questions has an answer on the scale yet${dontKnow ? ` (${dontKnow} "don't know")` : ''}.`
      : `${answered} of the ${all.length} questions have an answer on the scale${dontKnow ? `, and ${dontKnow} "don't know"` : ''}.`);
  }
  return sentences.slice(0, 4).join(' ');
}

const APPENDIX_HEADER = table(['Question', 'Answer', 'Item score', 'Weight', 'Note'], [], ['l', 'l', 'r', 'r', 'l']);

// A question's row without a note depends only on the question (and so its questionnaire's
// scale) and the answer: a batch makes each once.
const appendixRows = new WeakMap<ItemResult['question'], Map<Answer, string>>();

function appendixRow(i: ItemResult, q: Questionnaire, note: string | undefined): string {
  let rows = appendixRows.get(i.question);
  const known = note === undefined ? rows?.get(i.answer) : undefined;
  if (known !== undefined) return known;
  const text = row([
    `${inline(i.question.text)}${i.question.reverse ? ' *(reversed)*' : ''} \`${i.question.id}\``,
    inline(answerLabel(i.answer, q)),
    fmt(i.itemScore, 2),
    String(i.question.weight),
    note !== undefined ? inline(note) : '',
  ]);
  if (note === undefined) {
    if (!rows) appendixRows.set(i.question, (rows = new Map()));
    rows.set(i.answer, text);
  }
  return text;
}

function arithmetic(c: ConditionResult, q: Questionnaire): string {
  const scored = c.items.filter((i): i is ItemResult & { itemScore: number } => i.itemScore !== null);
  const coverage = `${c.answered} of ${c.questions} answered (${pct(c.coverage)})`;
  if (c.score === null) {
    return `No score: ${coverage}; a score needs at least ${pct(q.scoring.minCoverage)}.`;
  }
  const sumWs = scored.reduce((s, i) => s + i.question.weight * i.itemScore, 0);
  const sumW = scored.reduce((s, i) => s + i.question.weight, 0);
  return `Score: 100 × ${fmt(sumWs, 2)} ÷ ${fmt(sumW, sumW % 1 ? 2 : 0)} = **${fmt(c.score)}**, the sum of weight × item score over the sum of weights. ${coverage.charAt(0).toUpperCase()}${coverage.slice(1)}.`;
}
