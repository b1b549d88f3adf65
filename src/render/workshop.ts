// The group report for a workshop (Markdown): who took part, group scores with their range,
// perspectives by role with the perception gap, things to discuss, barriers, the group's
// action plan, facilitation prompts for split questions, and per-question statistics.
// Pure: a GroupResult in, Markdown out. Every text from a questionnaire or answers file goes
// through `inline`/`paragraphs`; figures the privacy rule withholds are already absent.
import type { Action, Questionnaire } from '../schemas/questionnaire.js';
import { AGREEMENT_MIN_N, GAP_FLAG_AT, agreementThreshold, worthDiscussing, type GroupResult, type QuestionStats } from '../score/group.js';
import { GENERATOR } from '../version.js';
import { bar, fmt, inline, paragraphs, plural, rememberText, table } from './markdown.js';
import { actionBlock, PRIORITY_ACTIONS, sourcesCiter } from './actions.js';

export interface WorkshopReportOptions {
  /** --title */
  title?: string | undefined;
  /** --named: list names under "Who took part". */
  named?: boolean;
  /** How many files could not be used (they are named on standard error). */
  invalidFiles?: number;
  /** A link to an SVG chart written beside the report. */
  chartFile?: string | undefined;
}

export function defaultTitle(g: GroupResult): string {
  return g.organisations.length === 1 ? `Workshop report: ${g.organisations[0]}` : 'Workshop report';
}

/**
 * The questionnaire's actions on dialogue (storytelling, structured dialogue, co-design):
 * the facilitation prompts are drawn from these, so their words stay in the questionnaire.
 * A questionnaire without them simply gets no methods.
 */
export const DIALOGUE_ACTION_IDS = ['use-structured-storytelling', 'start-with-a-conversation', 'co-design-pop-up'] as const;

const RANGE_WIDTH = 20;
const DISTRIBUTION_WIDTH = 10;

const people = (n: number) => plural(n, 'person', 'people');
const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** The group score as a bar that reads without colour: ░ outside the range, ▒ lowest to highest, █ the group score. */
export function rangeBar(score: number | null, lowest: number | null, highest: number | null, width = RANGE_WIDTH): string {
  if (score === null || lowest === null || highest === null) return bar(null, width);
  const cell = (x: number) => Math.max(0, Math.min(width - 1, Math.floor((x / 100) * width)));
  const [lo, hi, at] = [cell(lowest), cell(highest), cell(score)];
  let s = '';
  for (let i = 0; i < width; i++) s += i === at ? '█' : i >= lo && i <= hi ? '▒' : '░';
  return '`' + s + '`';
}

/** How many gave each answer, one block a person (scaled down past ten), value by value. */
export function distributionBar(s: QuestionStats, width = DISTRIBUTION_WIDTH): string {
  const counts = [...s.distribution.map((d) => d.count), s.dontKnow];
  const most = Math.max(...counts, 1);
  const blocks = (c: number) => (c === 0 ? '·' : '█'.repeat(most <= width ? c : Math.max(1, Math.round((c / most) * width))));
  const parts = s.distribution.map((d) => `${d.value}:${blocks(d.count)}`);
  if (s.dontKnow) parts.push(`?:${blocks(s.dontKnow)}`);
  return '`' + parts.join(' ') + '`';
}

function scaleLegend(q: Questionnaire): string {
  return `${q.scale.options.map((o) => `${o.value} = ${inline(o.label)}`).join(', ')}${q.scale.dontKnow ? ", ? = Don't know" : ''}`;
}

/** "2 *Disagree*, 4 *Agree*, 1 *Don't know*": every answer given, in scale order. */
function answersInWords(s: QuestionStats, q: Questionnaire): string {
  const parts = s.distribution.filter((d) => d.count > 0).map((d) => `${d.count} *${inline(q.scale.options.find((o) => o.value === d.value)!.label)}*`);
  if (s.dontKnow) parts.push(`${s.dontKnow} *Don't know*`);
  return parts.join(', ');
}

export function renderWorkshopReport(g: GroupResult, options: WorkshopReportOptions = {}): string {
  const q = g.questionnaire;
  rememberText(q);
  const k = g.minGroup;
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const cited = new Set<string>();
  const actionsById = new Map(q.actions.map((a) => [a.id, a]));
  const sourcesText = sourcesCiter(q, cited);

  // Title and facts
  const title = options.title ?? defaultTitle(g);
  push(`# ${inline(title)}`, '');
  const facts: [string, string][] = [];
  if (g.organisations.length) facts.push([g.organisations.length === 1 ? 'Organisation' : 'Organisations', g.organisations.map(inline).join('; ')]);
  facts.push(['People who took part', String(g.respondents)]);
  const { earliest, latest, undated } = g.dates;
  const dated = earliest === null ? 'undated' : earliest === latest ? earliest : `${earliest} to ${latest}`;
  facts.push(['Date of answers', `${dated}${earliest !== null && undated ? ` (${undated} undated)` : ''}`]);
  facts.push([g.answered.length === 1 ? 'Questionnaire' : 'Questionnaires', g.answered.map((a) => `${inline(a.questionnaire.title)} (\`${a.questionnaire.id}\`, version ${a.questionnaire.version}): ${people(a.respondents)}`).join('; ')]);
  for (const [key, value] of facts) push(`- **${key}:** ${value}`);
  push('');
  if (options.invalidFiles) {
    push(`> **${plural(options.invalidFiles, 'answers file was', 'answers files were')} left out** because ${options.invalidFiles === 1 ? 'it' : 'they'} could not be read; the messages printed with this report say what to fix.`, '');
  }
  push(summary(g), '');

  // Who took part
  push('## Who took part', '');
  push(...table(
    ['Role', 'People', ...(options.named ? ['Names'] : [])],
    g.participants.map((p) => [inline(p.label), String(p.n), ...(options.named ? [p.names.map(inline).join(', ')] : [])]),
    ['l', 'r', 'l'],
  ));
  push('', `Roles are matched without regard to case or surrounding spaces. ${options.named ? 'Names are shown because the report was asked for with --named.' : 'Names are never shown in a group report unless it is asked for with --named.'}`, '');

  // Group scores
  push('## Group scores', '');
  push(...table(
    ['Condition', 'Score', 'Range', 'Band', 'People scored', 'Lowest', 'Highest'],
    [
      ...g.conditions.map((c) => [
        inline(c.condition.title), fmt(c.score), rangeBar(c.score, c.lowest, c.highest),
        c.band ? inline(c.band.label) : c.n > 0 && c.n < k ? `not shown: fewer than ${k} people scored` : 'not enough answers',
        `${c.n} of ${g.respondents}`, fmt(c.lowest), fmt(c.highest),
      ]),
      ['**Overall**', `**${fmt(g.overall.score)}**`, rangeBar(g.overall.score, g.overall.score, g.overall.score), g.overall.band ? `**${inline(g.overall.band.label)}**` : 'not enough answers', '', '', ''],
    ],
    ['l', 'r', 'l', 'l', 'r', 'r', 'r'],
  ));
  push('', `A condition's group score is the mean of the scores of the people who answered enough of its questions; each person is scored on the questionnaire they answered. In the range bar, █ is the group score, ▒ runs from the lowest to the highest person's score, and ░ is outside that range. Scores run from 0 to 100; bands: ${q.bands.map((b) => `${inline(b.label)} from ${b.min}`).join('; ')}.`, '');

  // Perspectives by role
  push('## Perspectives by role', '');
  const p = g.perspectives;
  if (!p.groups.length) {
    push(`No role has ${k} or more people, and the roles pooled together do not reach ${k} either, so views are not shown by role: with fewer people, anyone could work out one person's answers.`, '');
  } else {
    const notes: string[] = [];
    if (p.pooledRoles.length) notes.push(`Roles with fewer than ${k} people (${list(p.pooledRoles.map((r) => inline(r)))}) are pooled as *other roles*, so that no one's answers can be picked out.`);
    if (p.joined.length) notes.push(`${list(p.joined.map((r) => inline(r)))} ${p.joined.length === 1 ? 'joins' : 'join'} them so that the pool reaches ${k}: shown apart, ${p.joined.length === 1 ? 'its' : 'their'} figures and the whole group's would give away the pool's.`);
    const total = g.questions.length;
    notes.push(p.sharedQuestions.length === total
      ? `Groups are compared on all ${total} questions.`
      : `Groups are compared on the ${p.sharedQuestions.length} of the ${total} questions that everyone was asked, so that like is compared with like.`);
    push(...notes.flatMap((n) => [n, '']));
    if (p.groups.length === 1) {
      push(`Only one group can be shown, so there is no gap to compare.`, '');
    }
    const gapOf = new Map(p.gaps.map((x) => [x.condition.id, x]));
    push(...table(
      ['Condition', ...p.groups.map((r) => `${inline(r.label)} (${r.n})`), ...(p.groups.length > 1 ? ['Gap'] : [])],
      g.conditions.map((c, ci) => {
        const gap = gapOf.get(c.condition.id);
        return [
          inline(c.condition.title),
          ...p.groups.map((r) => fmt(r.conditions[ci]!.score)),
          ...(p.groups.length > 1 ? [gap ? (gap.flagged ? `**${fmt(gap.gap)}** ⚠` : fmt(gap.gap)) : '–'] : []),
        ];
      }),
      ['l', ...p.groups.map(() => 'r' as const), 'r'],
    ));
    push('');
    if (options.chartFile) push(`![Scores for each condition, for everyone and for each group, as a bar chart](${encodeURI(options.chartFile)})`, '');
    const flagged = p.gaps.filter((x) => x.flagged).sort((a, b) => b.gap - a.gap);
    if (p.groups.length > 1) {
      if (flagged.length) {
        push(`⚠ marks a perception gap of ${GAP_FLAG_AT} points or more: the groups see the condition differently, and that difference is itself a finding to talk about before acting on the group score.`, '');
        for (const x of flagged) push(`- ⚠ **${inline(x.condition.title)}:** *${inline(x.highest)}* score it ${fmt(x.gap)} points higher than *${inline(x.lowest)}*.`);
        push('');
      } else {
        push(`No perception gap reaches ${GAP_FLAG_AT} points: the groups see each condition in much the same way.`, '');
      }
    }
  }

  // Things to discuss
  push('## Things to discuss', '');
  if (!g.discuss.length) {
    push(`The group agrees on every question that at least ${AGREEMENT_MIN_N} people answered: no question is split and none has a wide spread of answers.`, '');
  } else {
    const all = g.questions.filter(worthDiscussing).length;
    const which = all > g.discuss.length ? `The ${g.discuss.length} with the widest spread of the ${all} questions` : 'The questions';
    push(`${which} where the room is split (answers on both sides of the middle) or does not agree (average deviation above ${fmt(agreementThreshold(q), 2)}), widest spread first. Answers: ${scaleLegend(q)}; one block a person.`, '');
    push(...table(
      ['#', 'Question', 'Answers', 'Median', 'AD', 'Why'],
      g.discuss.map((s, i) => [String(i + 1), `${inline(s.question.text)} \`${s.question.id}\``, distributionBar(s), fmt(s.median), fmt(s.ad, 2), [s.split ? 'split' : '', s.agrees === false ? 'no agreement' : ''].filter(Boolean).join(', ')]),
      ['r', 'l', 'l', 'r', 'r', 'l'],
    ));
    push('');
  }

  // Barriers
  push('## Barriers', '');
  const found = g.barriers.filter((b) => b.present > 0);
  if (!found.length) {
    push('No barrier is present for anyone in the group.', '');
  } else {
    push('How many people each barrier is present for, judged on their own answers. Risks are warnings rather than barriers.', '');
    push(...table(
      ['Barrier', 'Present for', '', 'Possible for'],
      found.map((b) => [`${b.barrier.kind === 'risk' ? '⚠ Risk: ' : ''}${inline(b.barrier.title)}`, `${b.present} of ${g.respondents}`, bar((100 * b.present) / g.respondents), String(b.possible)]),
      ['l', 'r', 'l', 'r'],
    ));
    push('');
  }

  // The group's action plan
  push("## The group's action plan", '');
  if (!g.actions.length) {
    push('No actions are suggested yet: no condition has a group score, and no barrier is present for half the group.', '');
  } else {
    push(`The plan starts with the group's weakest condition${g.weakest ? `, ${inline(g.weakest.condition.title)} (${fmt(g.weakest.score)})` : ''}, then clears the barriers present for at least half the people (${g.planBarriers.length ? list(g.planBarriers.map((b) => `"${inline(b.barrier.title)}"`)) : 'none'}), most common first, then adds the weakest condition's other actions.`, '');
    const why = (id: string): string => {
      const reasons: string[] = [];
      if (g.weakest?.condition.actions.includes(id)) reasons.push(`the weakest condition, ${inline(g.weakest.condition.title)}`);
      for (const b of g.planBarriers) if (b.barrier.actions.includes(id)) reasons.push(`${b.barrier.kind === 'risk' ? 'the risk' : 'the barrier'} "${inline(b.barrier.title)}" (${b.present} of ${g.respondents})`);
      return reasons.join('; ');
    };
    g.actions.slice(0, PRIORITY_ACTIONS).forEach((id, i) => {
      const action = actionsById.get(id);
      if (action) push(actionBlock(i + 1, action, why(id), sourcesText(action)));
    });
    const further = g.actions.slice(PRIORITY_ACTIONS).map((id) => actionsById.get(id)).filter((a): a is Action => !!a);
    if (further.length) {
      push('### Further actions', '');
      for (const action of further) push(`- **${inline(action.title)}** (for ${why(action.id)}). First step: ${inline(action.firstStep)}`);
      push('');
    }
  }

  // Facilitation prompts
  push('## Facilitation prompts', '');
  const splits = g.discuss.filter((s) => s.split);
  const methods = DIALOGUE_ACTION_IDS.map((id) => actionsById.get(id)).filter((a): a is Action => !!a);
  if (!splits.length) {
    push('No question splits the room, so there are no prompts.', '');
  } else if (!methods.length) {
    push(`The questionnaire has no actions on dialogue (${DIALOGUE_ACTION_IDS.map((id) => `\`${id}\``).join(', ')}) to draw prompts from.`, '');
  } else {
    const chosen = chooseMethods(splits, q, methods);
    const partners = g.answered.map((a) => a.questionnaire).filter((x) => x.id !== q.id);
    push('Where the room is split, some people answered on one side of the middle and some on the other. Each split question below is paired with a way to open the conversation, taken from the questionnaire\'s own actions on dialogue.', '');
    splits.forEach((s, i) => {
      const method = chosen[i]!;
      const marker = `${i + 1}. `;
      const indent = ' '.repeat(marker.length); // continuation paragraphs stay inside the list item
      push(`${marker}**${inline(s.question.text)}** \`${s.question.id}\``, '');
      for (const partner of partners) {
        const twin = partner.conditions.flatMap((c) => c.questions).find((x) => x.id === s.question.id);
        if (twin && twin.text !== s.question.text) push(`${indent}In the words of *${inline(partner.title)}*: "${inline(twin.text)}"`, '');
      }
      push(`${indent}Answers: ${distributionBar(s)}, that is ${answersInWords(s, q)}.`, '');
      push(`${indent}Try: *${inline(method.title)}* (below).`, '');
    });
    const used = methods.filter((m) => chosen.includes(m));
    for (const method of used) {
      push(`### ${inline(method.title)}`, '');
      push(...paragraphs(method.detail).flatMap((x) => [x, '']));
      push(`**First step:** ${inline(method.firstStep)}`, '');
      if (method.example) push(`**Example from practice:** ${inline(method.example)}`, '');
      if (method.sources.length) push(`**Source:** ${sourcesText(method)}`, '');
    }
  }

  // Evidence
  push('## A note on evidence', '');
  push('These figures summarise how the people who took part answered, each on their own. They show where views meet and where they part; they are not a vote, a measurement of the organisation, a benchmark against others, or a forecast of savings.', '');
  if (q.evidenceNote) push(...paragraphs(q.evidenceNote).flatMap((x) => [x, '']));

  // Appendix
  push('## Appendix: per-question statistics', '');
  const values = q.scale.options.map((o) => o.value);
  push(`How many people gave each answer (${scaleLegend(q)}), then the median, the mean and the average deviation (AD). AD, agreement and splits need at least ${AGREEMENT_MIN_N} answers; "Asked" counts the people whose questionnaire has the question.`, '');
  for (const c of q.conditions) {
    push(`### ${inline(c.title)}`, '');
    const rows = g.questions.filter((s) => s.condition.id === c.id).map((s) => {
      const question = `${inline(s.question.text)}${s.question.reverse ? ' *(reversed)*' : ''} \`${s.question.id}\``;
      if (s.withheld) return [question, String(s.asked), `asked of fewer than ${k} people: not shown`, ...values.map(() => ''), '', '', '', '', '', ''];
      return [
        question, String(s.asked), String(s.n), ...s.distribution.map((d) => String(d.count)), String(s.dontKnow),
        fmt(s.median), fmt(s.mean), fmt(s.ad, 2), s.agrees === null ? '–' : s.agrees ? 'yes' : 'no', s.split === null ? '–' : s.split ? 'yes' : 'no',
      ];
    });
    push(...table(
      ['Question', 'Asked', 'n', ...values.map(String), '?', 'Median', 'Mean', 'AD', 'Agrees', 'Split'],
      rows,
      ['l', 'r', 'r', ...values.map(() => 'r' as const), 'r', 'r', 'r', 'r', 'l', 'l'],
    ));
    push('');
  }
  push('### How these figures are computed', '');
  push(
    `- Each person is scored on the questionnaire they answered, as in the single report: item scores from 0 to 1, a condition score from 0 to 100 when at least ${Math.round(q.scoring.minCoverage * 100)}% of its questions are answered. "Don't know" is counted, never scored.`,
    '- A group condition score is the mean of the people\'s condition scores, with the lowest and highest. The overall score is the mean of the group condition scores.',
    `- Per question: n is the number of answers on the scale; the median and mean are of those answers. The average deviation is the mean distance of the answers from their mean; the group agrees when it is at most ${fmt(agreementThreshold(q), 2)} (the number of scale options ÷ 6; Burke and Dunlap 2002). A question is split when at least one answer is a whole step or more below the middle of the scale and one a whole step or more above it.`,
    `- Perspectives: people are grouped by role. A role with fewer than ${k} people is pooled with the others as *other roles*, and if that pool is still too small, the smallest shown group joins it. A group's score is worked out over all its members' answers to the questions every shown group was asked; a gap of ${GAP_FLAG_AT} points or more between the highest and lowest group is flagged.`,
    `- No figure rests on fewer than ${k} people (change this with --min-group): not the whole group's, not a role's, not a condition's, and not a question's when fewer were asked it. Figures for the whole group are shown for questions that at least ${k} people were asked, however few of them chose an answer on the scale.`,
    '',
  );
  if (cited.size) {
    push('### References', '');
    for (const r of q.references) if (cited.has(r.key)) push(`- ${inline(r.citation)}`);
    push('');
  }
  push('---', '', `Generated by ${GENERATOR} from ${g.answered.map((a) => `questionnaire \`${a.questionnaire.id}\` version ${a.questionnaire.version}`).join(' and ')}.`, '');
  return out.join('\n');
}

function summary(g: GroupResult): string {
  const sentences = [`${people(g.respondents)} took part.`];
  if (g.overall.score !== null && g.overall.band) {
    sentences.push(`The group scores ${fmt(g.overall.score)} out of 100 overall, at the ${inline(g.overall.band.label)} level.`);
  } else {
    sentences.push('There is no overall group score: at least one condition has too few answers.');
  }
  if (g.weakest) sentences.push(`The weakest condition for the group is "${inline(g.weakest.condition.title)}" (${fmt(g.weakest.score)}).`);
  const worth = g.questions.filter(worthDiscussing);
  const splits = worth.filter((s) => s.split).length;
  if (worth.length) {
    sentences.push(`${plural(worth.length, 'question is', 'questions are')} worth discussing${splits ? `, ${splits === worth.length ? (splits === 1 ? 'and it splits the room' : 'all of them splitting the room') : `${splits} of them splitting the room`}` : ''}${worth.length > g.discuss.length ? `; the ${g.discuss.length} with the widest spread are listed below` : ''}.`);
  }
  const widest = [...g.perspectives.gaps].filter((x) => x.flagged).sort((a, b) => b.gap - a.gap)[0];
  if (widest) sentences.push(`The widest perception gap is on "${inline(widest.condition.title)}": *${inline(widest.highest)}* score it ${fmt(widest.gap)} points higher than *${inline(widest.lowest)}*.`);
  return sentences.join(' ');
}

/**
 * A dialogue method for each split question: one the question is linked to (through the
 * barriers it signals, or its condition's actions) if any, else any; the least used so far,
 * so that the room tries more than one way of talking.
 */
function chooseMethods(splits: readonly QuestionStats[], q: Questionnaire, methods: readonly Action[]): Action[] {
  const uses = new Map(methods.map((m) => [m.id, 0]));
  return splits.map((s) => {
    const linkedIds = new Set([
      ...q.barriers.filter((b) => b.signals.includes(s.question.id)).flatMap((b) => b.actions),
      ...s.condition.actions,
    ]);
    const linked = methods.filter((m) => linkedIds.has(m.id));
    const pool = linked.length ? linked : methods;
    let best = pool[0]!;
    for (const m of pool) if (uses.get(m.id)! < uses.get(best.id)!) best = m;
    uses.set(best.id, uses.get(best.id)! + 1);
    return best;
  });
}
