// The action report for one answers file, in the order cli.md lists. Pure: an Assessment in,
// Markdown text out. Every number can be traced to the answers in the appendix.
import { DONT_KNOW, type Answer } from '../schemas/answers.js';
import type { Questionnaire } from '../schemas/questionnaire.js';
import type { Assessment, BarrierResult, ConditionResult, ItemResult } from '../score/score.js';
import { memoPerObject } from '../util/memo.js';
import { GENERATOR } from '../version.js';
import { actionBlock, citationsOf, PRIORITY_ACTIONS, shortCitation, sourcesCiter } from './actions.js';
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
  actionsById: Map<string, Questionnaire['actions'][number]>;
  /** Each question's text, escaped, by id. */
  questionText: Map<string, string>;
}
const reportPartsOf = memoPerObject((q: Questionnaire): ReportParts => ({
  actionsById: new Map(q.actions.map((x) => [x.id, x])),
  questionText: new Map(q.conditions.flatMap((c) => c.questions.map((x) => [x.id, inline(x.text)]))),
}));

/**
 * The report as it is built: appended to one string rather than joined from an array of some
 * 300 lines, as a batch of reports spends most of its rendering time here.
 */
class ReportText {
  text = '';
  line(line: string): void {
    this.text += `${line}\n`;
  }
  lines(lines: readonly string[]): void {
    for (const line of lines) this.text += `${line}\n`;
  }
  /** Paragraphs, each followed by an empty line. */
  paragraphs(ps: readonly string[]): void {
    for (const p of ps) this.text += `${p}\n\n`;
  }
}

/** What the sections of one report share. */
interface Report {
  a: Assessment;
  q: Questionnaire;
  parts: ReportParts;
  /** The reference keys the report cites, for its References section. */
  cited: Set<string>;
  out: ReportText;
}

// One function per section, not one long function: V8 optimises a function again each time
// a path through it runs for the first time. The long one it replaced took 115 to 170 ms to
// compile each time (measured in a batch of 10,000 here), on the core the other worker needs.
export function renderReport(a: Assessment, options: ReportOptions = {}): string {
  const q = a.questionnaire;
  rememberText(q);
  const r: Report = { a, q, parts: reportPartsOf(q), cited: new Set<string>(), out: new ReportText() };
  titleAndSummary(r);
  scores(r, options);
  weakestConditionSection(r);
  const present = a.barriers.filter((b) => b.status === 'present');
  barriersFound(r, present);
  priorityActions(r, present);
  strengths(r);
  unknowns(r);
  evidence(r);
  appendix(r);
  return r.out.text.slice(0, -1); // as lines joined with new lines: none after the last
}

// 1. Title and summary
function titleAndSummary({ a, q, out }: Report): void {
  const { answers } = a;
  out.line(`# Action report: ${inline(answers.organisation)}`);
  out.line('');
  out.line(`- **Organisation:** ${inline(answers.organisation)}`);
  out.line(`- **Scope:** ${answers.scope !== null && answers.scope !== '' ? inline(answers.scope) : 'not given'}`);
  if (answers.respondent.name) out.line(`- **Respondent:** ${inline(answers.respondent.name)}`);
  if (answers.respondent.role) out.line(`- **Role:** ${inline(answers.respondent.role)}`);
  out.line(`- **Date of answers:** ${answers.date ?? 'undated'}`);
  out.line(`- **Questionnaire:** ${inline(q.title)} (\`${q.id}\`, version ${q.version})`);
  out.lines(['', summary(a), '']);
}

// 2. Scores
function scores({ a, q, out }: Report, options: ReportOptions): void {
  out.lines(['## Scores', '']);
  out.lines(table(
    ['Condition', 'Score', '', 'Band', 'Answered', "Don't know"],
    [
      ...a.conditions.map((c) => [inline(c.condition.title), fmt(c.score), bar(c.score), c.band ? inline(c.band.label) : 'not enough answers', `${c.answered} of ${c.questions}`, String(c.dontKnow)]),
      ['**Overall**', `**${fmt(a.overall.score)}**`, bar(a.overall.score), a.overall.band ? `**${inline(a.overall.band.label)}**` : 'not enough answers', '', ''],
    ],
    ['l', 'r', 'l', 'l', 'r', 'r'],
  ));
  out.lines(['', `Scores run from 0 to 100. Bands: ${q.bands.map((b) => `${inline(b.label)} from ${b.min}`).join('; ')}. The overall score is the mean of the ${plural(a.conditions.length, 'condition')}, and only when each has a score.`, '']);
  if (options.chartFile) out.lines([`![Scores for each condition, as a bar chart](${encodeURI(options.chartFile)})`, '']);
}

// 3. The weakest condition
function weakestConditionSection({ a, q, cited, out }: Report): void {
  const refs = citationsOf(q);
  const w = a.weakest;
  if (!w) {
    out.lines(['## Weakest condition', '', 'No condition has enough answers to be scored yet, so there is no weakest condition to name. See "What you don\'t know yet" below.', '']);
    return;
  }
  if (w.condition.source) cited.add(w.condition.source);
  out.lines([`## Weakest condition: ${inline(w.condition.title)}`, '']);
  out.lines([`${inline(w.condition.title)} scores ${fmt(w.score)} (${inline(w.band?.label ?? '')}). Ostrom's conditions work together, so the weakest one limits what the others can achieve.${w.condition.source && refs.has(w.condition.source) ? ` Source: ${inline(shortCitation(refs.get(w.condition.source)!))}.` : ''}`, '']);
  out.paragraphs(paragraphs(w.condition.summary));
  if (w.band) out.lines([`**What ${inline(w.band.label)} looks like:** ${inline(w.band.meaning)}`, '']);
}

/** "You answered *Disagree* to: "..."; "..."", one line per answer given. */
function signalLines({ q, parts: { questionText } }: Report, b: BarrierResult): string[] {
  const byAnswer = new Map<string, string[]>();
  for (const s of b.signalledBy) {
    const label = answerLabel(s.answer, q);
    const texts = byAnswer.get(label);
    if (texts) texts.push(questionText.get(s.question)!);
    else byAnswer.set(label, [questionText.get(s.question)!]);
  }
  const lines: string[] = [];
  for (const [label, texts] of byAnswer) lines.push(`You answered *${inline(label)}* to: ${texts.map((t) => `"${t}"`).join('; ')}`);
  return lines;
}

// 4. Barriers and risks
function barriersFound(r: Report, present: readonly BarrierResult[]): void {
  const { a, cited, out } = r;
  out.lines(['## Barriers found', '']);
  const presentBarriers = present.filter((b) => b.barrier.kind === 'barrier');
  if (!presentBarriers.length) out.lines(['No barrier is clearly present in these answers.', '']);
  for (const b of presentBarriers) {
    if (b.barrier.source) cited.add(b.barrier.source);
    out.lines([`### ${inline(b.barrier.title)}`, '']);
    out.paragraphs(paragraphs(b.barrier.description));
    out.lines([`Signalled by ${b.signalling} of your ${plural(b.answered, 'answer')} on this (${pct(b.strength ?? 0)}).`, '']);
    for (const l of signalLines(r, b)) out.line(`- ${l}`);
    out.line('');
  }
  for (const risk of present) {
    if (risk.barrier.kind !== 'risk') continue;
    if (risk.barrier.source) cited.add(risk.barrier.source);
    out.lines([`> **Warning, a risk: ${inline(risk.barrier.title)}**`, '>']);
    for (const p of paragraphs(risk.barrier.description)) out.lines([`> ${p}`, '>']);
    for (const l of signalLines(r, risk)) out.line(`> - ${l}`);
    out.line('');
  }
  const possible = a.barriers.filter((b) => b.status === 'possible');
  if (possible.length) {
    out.lines(['**Possible barriers** (one or more answers point this way, not enough to call it present):', '']);
    for (const b of possible) out.line(`- ${b.barrier.kind === 'risk' ? 'Risk: ' : ''}${inline(b.barrier.title)}: ${signalLines(r, b).join('; ')}`);
    out.line('');
  }
}

// 5. Actions
function priorityActions({ a, q, parts: { actionsById }, cited, out }: Report, present: readonly BarrierResult[]): void {
  out.lines(['## Priority actions', '']);
  const why = (id: string): string => {
    const reasons: string[] = [];
    if (a.weakest?.condition.actions.includes(id)) reasons.push(`the weakest condition, ${inline(a.weakest.condition.title)}`);
    for (const b of present) if (b.barrier.actions.includes(id)) reasons.push(`${b.barrier.kind === 'risk' ? 'the risk' : 'the barrier'} "${inline(b.barrier.title)}"`);
    return reasons.join('; ');
  };
  const sourcesText = sourcesCiter(q, cited);
  if (!a.actions.length) out.lines(['No actions are suggested yet: answer more questions so that a weakest condition or a barrier can be found.', '']);
  const priority = Math.min(PRIORITY_ACTIONS, a.actions.length);
  for (let i = 0; i < priority; i++) {
    const action = actionsById.get(a.actions[i]!)!;
    out.line(actionBlock(i + 1, action, why(action.id), sourcesText(action)));
  }
  if (a.actions.length > PRIORITY_ACTIONS) {
    out.lines(['### Further actions', '']);
    for (const id of a.actions.slice(PRIORITY_ACTIONS)) {
      const action = actionsById.get(id)!;
      out.line(`- **${inline(action.title)}** (for ${why(id)}). First step: ${inline(action.firstStep)}${action.sources.length ? ` Source: ${sourcesText(action)}.` : ''}`);
    }
    out.line('');
  }
}

// 6. Strengths
function strengths({ a, q, out }: Report): void {
  out.lines(['## Strengths', '']);
  const strong: ItemResult[] = [];
  for (const c of a.conditions) for (const i of c.items) if (i.itemScore !== null && i.itemScore >= STRENGTH_AT) strong.push(i);
  const strongest = strong.sort((x, y) => y.itemScore! - x.itemScore!).slice(0, 5);
  if (strongest.length) {
    out.lines(['The questions you answered most strongly:', '']);
    for (const i of strongest) out.line(`- You answered *${inline(answerLabel(i.answer, q))}* to: "${inline(i.question.text)}"`);
    out.line('');
  } else {
    out.lines(['No answer was strong enough to count as a strength yet.', '']);
  }
}

// 7. What you don't know yet
function unknowns({ a, q, out }: Report): void {
  out.lines(["## What you don't know yet", '']);
  const unscored = a.conditions.filter((c) => c.score === null);
  for (const c of unscored) {
    const needed = Math.max(1, Math.ceil(q.scoring.minCoverage * c.questions));
    out.line(`- **${inline(c.condition.title)}: not enough answers** to score (${c.answered} of ${c.questions} answered; a score needs at least ${needed}).`);
  }
  if (unscored.length) out.line('');
  const unknownItems: ItemResult[] = [];
  for (const c of a.conditions) for (const i of c.items) if (i.itemScore === null) unknownItems.push(i);
  if (unknownItems.length) {
    out.lines(['Things to find out, so that the next assessment can answer them:', '']);
    for (const i of unknownItems) out.line(`- ${inline(i.question.text)} (${i.answer === DONT_KNOW ? "don't know" : 'not answered'})`);
    out.line('');
  } else {
    out.lines(['Every question has an answer.', '']);
  }
  const unknownBarriers = a.barriers.filter((b) => b.status === 'unknown');
  if (unknownBarriers.length) {
    out.lines([`Not enough answers to tell whether these barriers are present: ${unknownBarriers.map((b) => inline(b.barrier.title)).join('; ')}.`, '']);
  }
}

// 8. Evidence
function evidence({ a, q, out }: Report): void {
  out.lines(['## A note on evidence', '']);
  // The questionnaire's own note, where it has one; otherwise a plain statement of what scores are.
  if (q.evidenceNote) out.paragraphs(paragraphs(q.evidenceNote));
  else {
    out.lines([
      'These scores show how the answers lean, condition by condition; they are not a measurement of the organisation, a benchmark against others, or a forecast of savings. Do not claim savings from them.',
      '',
      'A higher score is not better for every service: working this way suits services built on relationships, such as health and social care, more than transactional ones.',
      '',
    ]);
  }
  out.lines([`Every score here comes from the answers given ${a.answers.date ? `on ${a.answers.date}` : '(undated)'} and can be traced to them in the appendix.`, '']);
}

// 9. Appendix
function appendix({ a, q, cited, out }: Report): void {
  const { notes } = a.answers;
  out.lines(['## Appendix', '', '### Your answers', '']);
  for (const c of a.conditions) {
    out.lines([`#### ${inline(c.condition.title)}`, '']);
    const note = notes[c.condition.id];
    if (note !== undefined) out.lines([`*Your note:* ${inline(note)}`, '']);
    out.lines(APPENDIX_HEADER);
    for (const i of c.items) out.line(appendixRow(i, q, notes[i.question.id]));
    out.lines(['', arithmetic(c, q), '']);
  }
  out.line(howScoresAreComputed(q));
  if (cited.size) {
    out.lines(['### References', '']);
    for (const ref of q.references) if (cited.has(ref.key)) out.line(`- ${inline(ref.citation)}`);
    out.line('');
  }
  out.lines(['---', '', `Generated by ${GENERATOR} from questionnaire \`${q.id}\` version ${q.version}.`, '']);
}

/**
 * The same for every report from one questionnaire: its lines joined with new lines. Kept per
 * questionnaire object, which nothing changes once loaded (as for reportPartsOf).
 */
const howScoresAreComputed = memoPerObject((q: Questionnaire): string => {
  const values = q.scale.options.map((o) => o.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return [
    '### How scores are computed',
    '',
    `- Each answer on the scale gets an item score from 0 (weakest) to 1 (strongest): (answer − ${min}) ÷ ${max - min}, turned round for reversed questions, where agreeing is the weak answer. "Don't know" and unanswered questions are counted, never scored.`,
    `- A condition's score is 100 × the weighted mean of its item scores. It needs at least ${pct(q.scoring.minCoverage)} of its questions answered; below that it has no score.`,
    `- The overall score is the mean of the condition scores. The band is the last one whose minimum the score reaches.`,
    `- An answer with an item score of ${q.scoring.signalAtMost} or less signals the barriers that list its question. A barrier is present when at least ${pct(q.scoring.barrierPresentAt)} of its answered questions signal it, and at least ${q.scoring.barrierMinSignals} do; possible when some signal; absent when none do; unknown when none of its questions is answered.`,
    `- The action plan starts with the weakest condition's first action, then the actions for each present barrier and risk (strongest first), then the weakest condition's other actions.`,
    '',
  ].join('\n');
});

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
const appendixRowsOf = memoPerObject((_question: ItemResult['question']) => new Map<Answer, string>());

function appendixRow(i: ItemResult, q: Questionnaire, note: string | undefined): string {
  const rows = note === undefined ? appendixRowsOf(i.question) : undefined;
  const known = rows?.get(i.answer);
  if (known !== undefined) return known;
  const text = row([
    `${inline(i.question.text)}${i.question.reverse ? ' *(reversed)*' : ''} \`${i.question.id}\``,
    inline(answerLabel(i.answer, q)),
    fmt(i.itemScore, 2),
    String(i.question.weight),
    note !== undefined ? inline(note) : '',
  ]);
  rows?.set(i.answer, text);
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
