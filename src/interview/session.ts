// One run of `assess`, from choosing the answers file to the report: a new assessment, a
// resumed one, or a finished one reviewed or started afresh beside it. The terminal is
// reached only through the Prompter, so tests drive all of this with scripted answers.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../load/diagnostics.js';
import { UsageError } from '../load/diagnostics.js';
import { loadAnswersFile } from '../load/answers.js';
import type { Registry } from '../load/registry.js';
import { renderReport } from '../render/report.js';
import { renderTerminalSummary, wrap } from '../render/terminal.js';
import type { Answers } from '../schemas/answers.js';
import { questionCount, type Questionnaire } from '../schemas/questionnaire.js';
import { assess, type Assessment } from '../score/score.js';
import { slug } from '../util/slug.js';
import { safeForTerminal } from '../util/terminal.js';
import { writeFileAtomic } from '../util/write.js';
import { answeredCount, firstUnanswered, newDraft, saveAnswers } from './answers-file.js';
import { askOrganisation, askQuestions, askRole, askScope, interviewStyle, showOpeningScreen } from './interview.js';
import { InterruptedError, textWidth, type Prompter } from './prompter.js';

export interface SessionOptions {
  /** --answers: the file to resume, or to create. */
  answers?: string | undefined;
  /** --report: where the report goes. */
  report?: string | undefined;
  org?: string | undefined;
  role?: string | undefined;
  /** Replace an existing report without asking. */
  force?: boolean | undefined;
}

export interface SessionEnvironment {
  prompter: Prompter;
  registry: Registry;
  /** Where default file names are made, and relative paths resolved. */
  cwd: string;
  /** The date of this run, YYYY-MM-DD. */
  today: string;
  /** Colour in the interview (standard error). */
  color: boolean;
  /** Colour in the closing summary (standard output). */
  summaryColor: boolean;
  /** Where the closing summary goes (standard output). */
  stdout(text: string): void;
}

export type SessionOutcome =
  | { kind: 'done'; answersFile: string; reportFile: string | null; assessment: Assessment }
  /** Stopped at a prompt; `answersFile` is null when nothing had been saved yet. */
  | { kind: 'interrupted'; answersFile: string | null; answered: number; total: number }
  | { kind: 'invalid'; diagnostics: Diagnostic[] };

/** A path as the person would type it: relative to the current folder when inside it. */
function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function requireFolder(file: string, option: string): void {
  const dir = path.dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${option} ${file}: the folder ${dir} does not exist`);
}

/** `<stem>-<date><extension>` in `dir`, or -2, -3... until `usable` accepts one. */
function datedName(dir: string, stem: string, date: string, extension: string, usable: (file: string) => boolean): string {
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${stem}-${date}${n > 1 ? `-${n}` : ''}${extension}`);
    if (usable(file)) return file;
  }
}

export async function runSession(options: SessionOptions, env: SessionEnvironment): Promise<SessionOutcome> {
  const { prompter, registry, cwd } = env;
  const style = interviewStyle(env.color);
  const width = textWidth(prompter.columns);
  const say = (s: string) => prompter.print(wrap(s, width));

  // Bad paths are usage errors before the first question, not after the last.
  const reportPath = options.report !== undefined ? path.resolve(cwd, options.report) : undefined;
  if (reportPath) requireFolder(reportPath, '--report');
  let file = options.answers !== undefined ? path.resolve(cwd, options.answers) : undefined;
  if (file) requireFolder(file, '--answers');

  // Filled in as soon as there is something on disk, for the line printed on Ctrl-C.
  let saved: { file: string; draft: Answers; q: Questionnaire } | null = null;
  const interrupted = (): SessionOutcome => saved
    ? { kind: 'interrupted', answersFile: shown(saved.file, cwd), answered: answeredCount(saved.draft, saved.q), total: questionCount(saved.q) }
    : { kind: 'interrupted', answersFile: null, answered: 0, total: 0 };

  const load = (target: string) => {
    const loaded = loadAnswersFile(target, registry);
    if (!loaded.ok) return { diagnostics: loaded.diagnostics.map((d) => ({ ...d, file: shown(d.file, cwd) })) };
    return { value: loaded.value };
  };

  try {
    let existing: { questionnaire: Questionnaire; answers: Answers } | null = null;
    if (file && existsSync(file)) {
      const loaded = load(file);
      if (!loaded.value) return { kind: 'invalid', diagnostics: loaded.diagnostics };
      existing = loaded.value;
    }
    const opening = existing?.questionnaire ?? registry.current().questionnaire;
    showOpeningScreen(prompter, opening, style, existing && firstUnanswered(existing.answers, existing.questionnaire) !== -1
      ? { file: shown(file!, cwd), answered: answeredCount(existing.answers, existing.questionnaire) }
      : undefined);

    let organisation = existing?.answers.organisation;
    if (!existing) {
      organisation = options.org ?? await askOrganisation(prompter);
      if (!file) {
        file = path.join(cwd, `${slug(organisation)}.answers.yaml`);
        if (existsSync(file)) {
          const loaded = load(file);
          if (!loaded.value) {
            return { kind: 'invalid', diagnostics: [...loaded.diagnostics, { file: shown(file, cwd), line: 1, column: 1, message: 'this is the answers file for that organisation, and it cannot be used; fix it, or choose another file with --answers' }] };
          }
          existing = loaded.value;
          const done = answeredCount(existing.answers, existing.questionnaire);
          if (firstUnanswered(existing.answers, existing.questionnaire) !== -1) {
            say(`Found the answers for ${safeForTerminal(existing.answers.organisation)} in ${shown(file, cwd)}: carrying on, ${done} of ${questionCount(existing.questionnaire)} answered so far.`);
          }
        }
      }
    }

    let q: Questionnaire;
    let draft: Answers;
    let startAt = 0;
    let replace = true;
    let askAgain = true;
    if (existing) {
      q = existing.questionnaire;
      draft = existing.answers;
      saved = { file: file!, draft, q };
      const next = firstUnanswered(draft, q);
      if (next !== -1) {
        startAt = next;
        if (draft.date === null) draft.date = env.today;
        if (draft.respondent.role === null && options.role !== undefined) draft.respondent.role = options.role;
      } else {
        // A finished file is never silently reused: last year's answers stay as they were.
        const dir = path.dirname(file!);
        const stem = slug(draft.organisation);
        let resumable: { file: string; answers: Answers; questionnaire: Questionnaire } | null = null;
        const fresh = datedName(dir, stem, env.today, '.answers.yaml', (candidate) => {
          if (!existsSync(candidate)) return true;
          const loaded = load(candidate);
          if (loaded.value && firstUnanswered(loaded.value.answers, loaded.value.questionnaire) !== -1) {
            resumable = { file: candidate, answers: loaded.value.answers, questionnaire: loaded.value.questionnaire };
            return true;
          }
          return false;
        });
        say(`${shown(file!, cwd)} is finished: all ${questionCount(q)} questions answered${draft.date ? ` (dated ${draft.date})` : ''}. You can review those answers (changes are saved in the same file), or ${resumable ? `carry on with the new assessment begun today in ${shown(fresh, cwd)}` : `start a new assessment, saved beside it as ${shown(fresh, cwd)}`}.`);
        prompter.print('');
        const choice = await prompter.select({
          message: 'What would you like to do?',
          choices: [
            { value: 'review', label: 'Review those answers', short: 'review' },
            { value: 'new', label: resumable ? 'Carry on with the new assessment begun today' : 'Start a new assessment', short: 'new assessment' },
            { value: 'summary', label: 'Only show the scores and write the report', short: 'scores and report' },
          ],
          default: 'review',
        });
        if (choice === 'summary') {
          askAgain = false;
        } else if (choice === 'new') {
          const found = resumable as { file: string; answers: Answers; questionnaire: Questionnaire } | null;
          if (found) {
            file = found.file;
            q = found.questionnaire;
            draft = found.answers;
            startAt = Math.max(0, firstUnanswered(draft, q));
            saved = { file, draft, q };
            say(`Carrying on with ${shown(file, cwd)}: ${answeredCount(draft, q)} of ${questionCount(q)} answered so far.`);
          } else {
            // A new assessment takes the newest version of the questionnaire.
            q = registry.chosen?.questionnaire ?? registry.latest(q.id)?.questionnaire ?? q;
            const role = options.role ?? await askRole(prompter, q, draft.respondent.role);
            const scope = await askScope(prompter, draft.scope);
            draft = newDraft(q, { organisation: draft.organisation, role, scope, date: env.today });
            file = fresh;
            replace = false;
          }
        }
      }
    } else {
      q = registry.current().questionnaire;
      const role = options.role ?? await askRole(prompter, q);
      const scope = await askScope(prompter);
      draft = newDraft(q, { organisation: organisation!, role, scope, date: env.today });
      replace = false;
    }

    const answersFile = file!;
    const save = () => {
      saveAnswers(answersFile, draft, q, { replace });
      replace = true;
      saved = { file: answersFile, draft, q };
    };
    if (!replace) {
      save();
      say(`Your answers are saved in ${shown(answersFile, cwd)} as you go.`);
    }
    if (askAgain) await askQuestions({ prompter, questionnaire: q, draft, save, startAt, style });

    const assessment = assess(q, draft);
    prompter.print('');
    env.stdout(renderTerminalSummary(assessment, { color: env.summaryColor, width: prompter.columns }));
    const reportFile = await writeReport(assessment, answersFile, reportPath, options, env);
    prompter.print('');
    say(`Your answers: ${shown(answersFile, cwd)}`);
    if (reportFile) say(`Your report: ${shown(reportFile, cwd)} (the scores, the barriers found, and actions with a first step for each)`);
    return { kind: 'done', answersFile: shown(answersFile, cwd), reportFile: reportFile ? shown(reportFile, cwd) : null, assessment };
  } catch (error) {
    if (error instanceof InterruptedError) return interrupted();
    throw error;
  }
}

/** The report, beside nothing it would replace unless --force, or the person says so. */
async function writeReport(
  assessment: Assessment,
  answersFile: string,
  given: string | undefined,
  options: SessionOptions,
  env: SessionEnvironment,
): Promise<string | null> {
  const stem = /^(.*)\.answers\.ya?ml$/i.exec(path.basename(answersFile))?.[1] ?? slug(assessment.answers.organisation);
  let target = given ?? path.join(env.cwd, `${stem}.report.md`);
  let replace = !!options.force;
  if (existsSync(target) && !replace) {
    const alternative = datedName(path.dirname(target), path.basename(target).replace(/\.report\.md$|\.md$/i, ''), env.today, '.report.md', (f) => !existsSync(f));
    env.prompter.print('');
    replace = await env.prompter.confirm({
      message: `${shown(target, env.cwd)} already exists. Replace it? (No saves the new report as ${shown(alternative, env.cwd)})`,
      default: false,
    });
    if (!replace) target = alternative;
  }
  writeFileAtomic(target, renderReport(assessment), { overwrite: replace });
  return target;
}
