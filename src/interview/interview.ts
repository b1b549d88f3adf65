// The interview itself: the opening screen, who is answering, then each condition in turn
// with its introduction, a progress line on every question, help on request, a way back,
// and an optional note at the end of each condition. Only the chrome (instructions,
// progress) is worded here; every question, help text and introduction comes from the
// questionnaire.
import { Chalk } from 'chalk';
import { wrap } from '../render/terminal.js';
import { DONT_KNOW, type Answer, type Answers } from '../schemas/answers.js';
import { questionCount, type Condition, type Question, type Questionnaire } from '../schemas/questionnaire.js';
import { plural } from '../render/markdown.js';
import { safeForTerminal } from '../util/terminal.js';
import { textWidth, type PromptChoice, type Prompter } from './prompter.js';

/** About how long one statement takes to read and answer, for the opening screen. */
const SECONDS_PER_QUESTION = 25;

export interface InterviewStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export function interviewStyle(color: boolean): InterviewStyle {
  const c = new Chalk({ level: color ? 1 : 0 });
  return { bold: (t) => c.bold(t), dim: (t) => c.dim(t) };
}

const text = (s: string) => safeForTerminal(s);
/** Text with paragraphs (descriptions, summaries, help): the line breaks are kept. */
const paragraphs = (s: string) => s.split(/\r?\n/).map(safeForTerminal).join('\n');
const lineWidth = (prompter: Prompter) => textWidth(prompter.columns);

/** What the assessment is, how long it takes, the scale, and that one can stop and resume. */
export function showOpeningScreen(prompter: Prompter, q: Questionnaire, style: InterviewStyle, resuming?: { file: string; answered: number }): void {
  const width = lineWidth(prompter);
  const say = (s: string) => prompter.print(wrap(s, width));
  const total = questionCount(q);
  prompter.print(style.bold(wrap(text(q.title), width)));
  prompter.print('');
  if (resuming) {
    say(`Carrying on with ${resuming.file}: ${resuming.answered} of ${total} answered so far.`);
  } else {
    say(paragraphs(q.description));
    prompter.print('');
    const minutes = Math.max(1, Math.round((total * SECONDS_PER_QUESTION) / 60));
    const scale = q.scale.options.map((o) => text(o.label)).join(', ');
    say(`${plural(total, 'statement')} in ${plural(q.conditions.length, 'part')}, about ${plural(minutes, 'minute')}. The scale: ${scale}${q.scale.dontKnow ? '; and "Don\'t know" is a fine answer whenever you are not sure' : ''}.`);
    say('Your answers are saved as you go: stop at any time with Ctrl-C, and carry on later where you left off.');
  }
  if (prompter.mode === 'menu') {
    say('Choose with the arrow keys or a number, then Enter. Each question also offers its help and a way back.');
    say('Menus misbehaving, or using a screen reader? Run: ostrom-ready assess --plain');
  } else {
    say(`Type the number of your answer and press Enter${q.scale.dontKnow ? '; d for don\'t know' : ''}; ? for help; b to go back.`);
  }
  prompter.print('');
}

export async function askOrganisation(prompter: Prompter): Promise<string> {
  return (await prompter.input({ message: 'The name of your organisation:', required: true })).trim();
}

const OTHER_ROLE = '\u0000other';

/** The questionnaire's roles, or any text; null when skipped. */
export async function askRole(prompter: Prompter, q: Questionnaire, previous: string | null = null): Promise<string | null> {
  const roles = q.roles ?? [];
  let typedDefault = previous ?? '';
  if (roles.length) {
    const choices: PromptChoice<string>[] = roles.map((role) => ({ value: role, label: role.replace(/-/g, ' ') }));
    // A questionnaire that lists "other" itself means it as the answer; otherwise any text.
    if (!roles.includes('other')) choices.push({ value: OTHER_ROLE, label: 'Something else (type it)', separatorBefore: true });
    const chosen = await prompter.select({
      message: 'Your role:',
      choices,
      default: previous !== null && roles.includes(previous) ? previous : previous !== null ? OTHER_ROLE : roles[0]!,
    });
    if (chosen !== OTHER_ROLE) return chosen;
    if (previous !== null && roles.includes(previous)) typedDefault = '';
  }
  const typed = (await prompter.input({ message: 'Your role, in a few words (optional; Enter skips):', default: typedDefault })).trim();
  return typed === '' ? null : typed;
}

export async function askScope(prompter: Prompter, previous: string | null = null): Promise<string | null> {
  const typed = (await prompter.input({
    message: 'The service or area you are assessing (optional; Enter for the whole organisation):',
    default: previous ?? '',
  })).trim();
  return typed === '' ? null : typed;
}

interface Step {
  condition: Condition;
  conditionNumber: number;
  question: Question;
  /** 1-based, within the condition. */
  number: number;
  /** 1-based, across the questionnaire. */
  overall: number;
}

function stepsOf(q: Questionnaire): Step[] {
  let overall = 0;
  return q.conditions.flatMap((condition, ci) => condition.questions.map((question, qi) => ({
    condition, conditionNumber: ci + 1, question, number: qi + 1, overall: ++overall,
  })));
}

type Reply = number | typeof DONT_KNOW | 'help' | 'back';

export interface QuestionsOptions {
  prompter: Prompter;
  questionnaire: Questionnaire;
  /** Changed in place as answers come in. */
  draft: Answers;
  /** Called after every answer and note: the autosave. */
  save(): void;
  /** The index (0-based) of the first question to ask. */
  startAt: number;
  style: InterviewStyle;
}

/** "Credible commitment, question 3 of 9; 21 of 36 overall", on two lines if it does not fit. */
export function progressLine(step: Step, q: Questionnaire, width: number): string {
  const where = `question ${step.number} of ${step.condition.questions.length}; ${step.overall} of ${questionCount(q)} overall`;
  const one = `${text(step.condition.title)}, ${where}`;
  return [...one].length <= width ? one : `${wrap(text(step.condition.title), width)}\n${where[0]!.toUpperCase()}${where.slice(1)}`;
}

/** The middle of the scale: where the cursor starts on a question not answered before. */
export function middleValue(q: Questionnaire): number {
  return q.scale.options[Math.floor((q.scale.options.length - 1) / 2)]!.value;
}

/**
 * Ask the questions from `startAt` to the end. Going back re-asks the previous question with
 * its earlier answer under the cursor; going forward from the last question of a condition
 * asks for its note again (the earlier note kept unless changed).
 */
export async function askQuestions(options: QuestionsOptions): Promise<void> {
  const { prompter, questionnaire: q, draft, style } = options;
  const steps = stepsOf(q);
  const width = lineWidth(prompter);
  const introduced = new Set<string>();
  let index = options.startAt;
  while (index < steps.length) {
    const step = steps[index]!;
    if (!introduced.has(step.condition.id)) {
      introduced.add(step.condition.id);
      prompter.print('');
      prompter.print(style.bold(wrap(`Part ${step.conditionNumber} of ${q.conditions.length}: ${text(step.condition.title)}`, width)));
      prompter.print(wrap(paragraphs(step.condition.summary), width));
      prompter.print('');
    }
    const reply = await askQuestion(prompter, q, step, draft.answers[step.question.id] ?? null, index > 0, width);
    if (reply === 'back') {
      index--;
      continue;
    }
    draft.answers[step.question.id] = reply;
    options.save();
    if (step.number === step.condition.questions.length) await askNote(prompter, step.condition, draft, options.save);
    index++;
  }
}

async function askQuestion(prompter: Prompter, q: Questionnaire, step: Step, earlier: Answer, canGoBack: boolean, width: number): Promise<Exclude<Reply, 'help' | 'back'> | 'back'> {
  const { question } = step;
  const choices: PromptChoice<Reply>[] = q.scale.options.map((o) => ({ value: o.value, label: text(o.label) }));
  if (q.scale.dontKnow) choices.push({ value: DONT_KNOW, label: "Don't know", key: 'd', separatorBefore: true });
  if (question.help) choices.push({ value: 'help', label: 'Help with this question', short: '', key: '?', separatorBefore: !q.scale.dontKnow });
  if (canGoBack) choices.push({ value: 'back', label: 'Back to the previous question', short: '', key: 'b', separatorBefore: !q.scale.dontKnow && !question.help });
  // The cursor starts on a real answer, so that Enter alone never goes back or opens help.
  const start: Reply = earlier !== null && (earlier === DONT_KNOW ? q.scale.dontKnow : q.scale.options.some((o) => o.value === earlier)) ? earlier : middleValue(q);
  for (;;) {
    const reply = await prompter.select({ header: progressLine(step, q, width - 2), message: text(question.text), choices, default: start });
    if (reply !== 'help') return reply;
    prompter.print(wrap(`Help: ${paragraphs(question.help ?? '')}`, width, '  ', '  '));
  }
}

async function askNote(prompter: Prompter, condition: Condition, draft: Answers, save: () => void): Promise<void> {
  const earlier = draft.notes[condition.id] ?? '';
  prompter.print('');
  const typed = (await prompter.input({
    message: earlier
      ? `A note on "${text(condition.title)}"? (optional; Enter keeps the note you wrote; type - to remove it)`
      : `A note on "${text(condition.title)}"? (optional, one line; Enter skips)`,
    default: earlier,
  })).trim();
  const note = typed === '-' ? '' : typed;
  if (note === earlier) return;
  if (note === '') delete draft.notes[condition.id];
  else draft.notes[condition.id] = note;
  save();
}
