// The command line: options, help and exit codes only. Each command's code is imported when that command
// runs, so `--help` and start-up stay fast; in the bundle, each command is a file of its own.
import { Command, CommanderError } from 'commander';
import { closest } from './util/suggest.js';
import { VERSION } from './version.js';
import type { GlobalOptions, Io } from './commands/context.js';

const io: Io = {
  stdout: (text) => { process.stdout.write(text); },
  // Writes to a full pipe are queued (on Linux too), and the stream holds on to the bytes until
  // the pipe takes them: the caller waits for that before it reuses the buffer. (An error is
  // the stream's 'error' event.)
  stdoutBytes: (bytes) => new Promise((resolve) => { process.stdout.write(bytes, () => resolve()); }),
  stderr: (text) => { process.stderr.write(text); },
  // Read when asked, not at start-up: making process.stderr costs a few milliseconds.
  get stderrIsTTY() { return !!process.stderr.isTTY; },
  drained: async () => {
    for (const stream of [process.stdout, process.stderr]) {
      if (stream.writableNeedDrain) await new Promise((resolve) => stream.once('drain', resolve));
    }
  },
};

const example = (...lines: string[]) => `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function globalsOf(command: Command): GlobalOptions {
  const o = command.optsWithGlobals() as { questionnaire?: string; questionnaires?: string; color?: boolean };
  return { questionnaire: o.questionnaire, questionnaires: o.questionnaires, color: o.color !== false };
}

/** Run a command's code, turning its result into the exit code. */
async function run(task: () => Promise<number> | number): Promise<void> {
  process.exitCode = await task();
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ostrom-ready')
    .description("How ready is your organisation for transformative co-production? A self-assessment on Elinor Ostrom's four conditions, with an action report.")
    .version(VERSION, '-V, --version')
    .option('-q, --questionnaire <id or file>', 'the questionnaire to use (default: the one an answers file names, else ostrom-four-conditions)')
    .option('--questionnaires <dir>', 'a further folder of questionnaire files, beside the bundled ones')
    .option('--no-color', 'no colour (NO_COLOR and FORCE_COLOR are honoured too)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`ostrom-ready: ${text.replace(/^error: /, 'error: ')}`) })
    .addHelpText('after', `
Exit codes: 0 all went well; 1 an input file was invalid (the valid ones were still processed);
2 a usage error (unknown option, missing path, refusing to overwrite); 130 interrupted.
${example('ostrom-ready report examples/anytown-early.answers.yaml -o anytown.report.md', 'ostrom-ready score --json clients/')}`);

  program
    .command('report')
    .summary('the Markdown action report for one answers file')
    .description('Write the Markdown action report for one answers file: scores, the weakest condition, barriers, priority actions, strengths, what you do not know yet, and an appendix that shows how every score was computed. Standard output unless -o is given.')
    .argument('<answers>', 'an answers file')
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .option('--json', 'print the result as JSON (formats.md) instead of Markdown')
    .option('--chart', 'also write an SVG bar chart beside the report (needs -o) and link it')
    .option('--named', "include the respondent's name in the JSON result")
    .option('--force', 'overwrite the output files if they exist')
    .addHelpText('after', example('ostrom-ready report examples/riverside-middle.answers.yaml -o riverside.report.md --chart', 'ostrom-ready report --json examples/riverside-middle.answers.yaml'))
    .action(async (file: string, options, command: Command) => run(async () =>
      (await import('./commands/report.js')).runReport(file, { output: options.output, json: options.json, named: options.named, force: options.force, chart: options.chart, stdoutIsTTY: !!process.stdout.isTTY }, globalsOf(command), io)));

  program
    .command('assess')
    .summary('the interactive self-assessment, saved as you go, with a report at the end')
    .description('Answer the questionnaire in the terminal, one statement at a time, with help on request and a way back. The answers are saved after every answer, so you can stop (Ctrl-C) and carry on later; at the end you get a summary and the Markdown report. Default files: <organisation>.answers.yaml and <organisation>.report.md in the current folder. Needs an interactive terminal; without one, use template and report.')
    .option('--answers <file>', 'the answers file to carry on with, or to create (default: <organisation>.answers.yaml)')
    .option('--report <file>', 'where to write the report (default: <organisation>.report.md)')
    .option('--org <name>', 'the organisation assessed (otherwise asked)')
    .option('--role <role>', 'your role (otherwise asked)')
    .option('--plain', 'ask line by line, without arrow-key menus (screen readers, Git Bash)')
    .option('--force', 'overwrite an existing report without asking')
    .addHelpText('after', example('ostrom-ready assess', 'ostrom-ready assess --org "Anytown Borough Council" --role officer', 'ostrom-ready assess --answers anytown-borough-council.answers.yaml --plain'))
    .action(async (options, command: Command) => run(async () =>
      (await import('./commands/assess.js')).runAssess({ answers: options.answers, report: options.report, org: options.org, role: options.role, plain: options.plain, force: options.force }, globalsOf(command), io)));

  program
    .command('score')
    .summary('score many answers files: a table, JSON Lines, CSV, reports and a portfolio summary')
    .description('Score answers files in batch. Inputs are files or folders (searched for *.yaml and *.yml, sorted by path), scored in the order given. Prints a table, or one JSON object per input with --json. Broken files are reported as FILE:LINE:COLUMN: error: MESSAGE and the rest are still scored and written (exit 1). Large batches use every core; the output is the same.')
    .argument('<inputs...>', 'answers files or folders')
    .option('--json', 'one JSON result per input, one per line (JSON Lines), instead of the table')
    .option('--csv <file>', 'also write a CSV: one row per input, with scores, band, weakest condition, present barriers and any error')
    .option('--reports <dir>', 'also write one Markdown report per input into this folder, named after the input file')
    .option('--summary <file>', "also write a Markdown portfolio summary: quartiles per condition across the batch, each input's position, the most common barriers")
    .option('--named', "include respondents' names (personal data)")
    .option('--force', 'overwrite output files that exist')
    .option('--jobs <n>', 'worker threads (default: one per core for large batches)', (v) => Number(v))
    .addHelpText('after', example('ostrom-ready score examples/', 'ostrom-ready score --json clients/ > scores.jsonl', 'ostrom-ready score clients/ --csv scores.csv --reports reports/ --summary portfolio.md'))
    .action(async (inputs: string[], options, command: Command) => run(async () =>
      (await import('./commands/score.js')).runScore(inputs, { json: options.json, named: options.named, csv: options.csv, reports: options.reports, summary: options.summary, force: options.force, jobs: options.jobs }, globalsOf(command), io)));

  program
    .command('workshop')
    .summary("the group report for a workshop's answers files: agreement, splits and the staff-community gap")
    .description('Write the group report for a workshop: who took part (counts by role), group scores per condition with their range, perspectives by role with the perception gap, the questions to discuss, barriers, the group\'s action plan, facilitation prompts for split questions and per-question statistics. Inputs are answers files or folders, for one questionnaire and, if you like, its paired variant (staff and residents together). Broken files are reported and left out (exit 1). No figure is shown for fewer than --min-group people, and no names unless --named. Standard output unless -o is given.')
    .argument('<inputs...>', 'answers files or folders')
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .option('--min-group <n>', 'the fewest people whose figures are shown; smaller role groups are pooled as "other roles" (default: 3)')
    .option('--title <text>', 'the report title (default: "Workshop report: <organisation>")')
    .option('--named', "list participants' names (personal data)")
    .option('--json', 'print the group result as JSON (formats.md) instead of Markdown')
    .option('--chart', 'also write an SVG chart of the scores, for everyone and by role, beside the report (needs -o)')
    .option('--force', 'overwrite the output files if they exist')
    .addHelpText('after', example('ostrom-ready workshop examples/workshop/ -o workshop.report.md --chart', 'ostrom-ready workshop staff/ residents/ --title "Riverside, 20 November" --min-group 4', 'ostrom-ready workshop --json examples/workshop/ > workshop.json'))
    .action(async (inputs: string[], options, command: Command) => run(async () =>
      (await import('./commands/workshop.js')).runWorkshop(inputs, { output: options.output, minGroup: options.minGroup, title: options.title, named: options.named, json: options.json, chart: options.chart, force: options.force }, globalsOf(command), io)));

  program
    .command('template')
    .summary('a blank answers file to fill in by hand, or a paper form (--printable)')
    .description('Write a blank answers file for the questionnaire chosen with -q (default ostrom-four-conditions): every question id with null, and its text, help and the scale as comments above it, ready to fill in with a text editor and give to report. It starts with a yaml-language-server comment pointing at <questionnaire>.v<version>.schema.json beside it, which -o also writes, so that an editor checks the answers as they are typed. With --printable, a paper form in Markdown instead: tick boxes, the questions in the audience\'s own words, fits an A4 page. Standard output unless -o is given.')
    .option('-o, --output <file>', 'write to this file instead of standard output (and the schema beside it)')
    .option('--org <name>', 'fill in the organisation')
    .option('--role <role>', "fill in the respondent's role")
    .option('--printable', 'a paper form in Markdown instead of an answers file')
    .option('--force', 'overwrite the output file (and schema) if they exist')
    .addHelpText('after', example('ostrom-ready template --org "Anytown Borough Council" --role officer -o anytown.answers.yaml', 'ostrom-ready -q ostrom-four-conditions-community template --printable -o residents-form.md'))
    .action(async (options, command: Command) => run(async () =>
      (await import('./commands/template.js')).runTemplate({ output: options.output, org: options.org, role: options.role, printable: options.printable, force: options.force }, globalsOf(command), io)));

  program
    .command('import')
    .summary("turn a survey tool's export (CSV, one row per respondent) into answers files")
    .description('Turn a survey export (Microsoft Forms, Google Forms, SurveyMonkey, or a spreadsheet typed up from paper forms) into one answers file per row, named <organisation>-row-<N>.answers.yaml, in --out-dir. Comma, semicolon or tab separated; UTF-8 with or without a byte-order mark. Columns are matched to questions by id or by question text (either wording of a paired questionnaire; ignoring case and spacing), and optional columns give the organisation, role, name, date and scope. Values may be scale numbers, labels (Agree) or don\'t know. Every column and cell that cannot be matched is reported with its row and column and left out, never guessed (exit 1 if any cell was left out).')
    .argument('<csv>', 'the exported CSV file')
    .option('--out-dir <dir>', 'the folder to write the answers files into (made if missing)')
    .option('--org <name>', 'the organisation, for rows without an Organisation column or cell')
    .option('--force', 'overwrite answers files that exist')
    .addHelpText('after', example('ostrom-ready import responses.csv --out-dir workshop/ --org "Anytown Borough Council"', 'ostrom-ready -q ostrom-four-conditions-community import typed-up-forms.csv --out-dir residents/ --org "Anytown Borough Council"'))
    .action(async (csv: string, options, command: Command) => run(async () =>
      (await import('./commands/import.js')).runImport(csv, { outDir: options.outDir, org: options.org, force: options.force }, globalsOf(command), io)));

  program
    .command('compare')
    .summary('progress over time: an earlier and a later assessment side by side')
    .description('Compare an earlier and a later assessment: per condition and overall, the earlier score, the later score and the change; barriers resolved, new and persisting; the questions whose answers moved most. Each side is one answers file, or a folder of files scored as a group. Questionnaire versions may differ: conditions and questions are matched by id.')
    .argument('<earlier>', 'an answers file, or a folder of them')
    .argument('<later>', 'an answers file, or a folder of them')
    .option('-o, --output <file>', 'write the Markdown report to this file instead of standard output')
    .option('--chart', 'also write an SVG chart of earlier and later scores beside the report (needs -o)')
    .option('--json', 'print the comparison as JSON (formats.md) instead of Markdown')
    .option('--force', 'overwrite the output files if they exist')
    .addHelpText('after', example('ostrom-ready compare spring.answers.yaml autumn.answers.yaml -o progress.md --chart', 'ostrom-ready compare --json workshop-2025/ workshop-2026/'))
    .action(async (earlier: string, later: string, options, command: Command) => run(async () =>
      (await import('./commands/compare.js')).runCompare(earlier, later, { output: options.output, json: options.json, chart: options.chart, force: options.force, stdoutIsTTY: !!process.stdout.isTTY }, globalsOf(command), io)));

  program
    .command('validate')
    .summary('check answers and questionnaire files without scoring')
    .description('Check answers files and questionnaire files without scoring them. Every problem is printed as FILE:LINE:COLUMN: error: MESSAGE; exit 1 if any file is invalid.')
    .argument('<inputs...>', 'answers files, questionnaire files, or folders')
    .addHelpText('after', example('ostrom-ready validate examples/', 'ostrom-ready validate my-questionnaire.yaml'))
    .action(async (inputs: string[], _options, command: Command) => run(async () =>
      (await import('./commands/validate.js')).runValidate(inputs, globalsOf(command), io)));

  program
    .command('questionnaires')
    .summary('list the available questionnaires')
    .description('List the available questionnaires: id, version, title, audience and number of questions.')
    .option('--json', 'as JSON')
    .addHelpText('after', example('ostrom-ready questionnaires', 'ostrom-ready --questionnaires ./my-questionnaires questionnaires --json'))
    .action(async (options, command: Command) => run(async () =>
      (await import('./commands/questionnaires.js')).runQuestionnaires({ json: options.json }, globalsOf(command), io)));

  program
    .command('schema')
    .summary('print the JSON Schema of the answers or questionnaire file format')
    .description('Print the JSON Schema (draft-07; unknown keys rejected) of a file format, for editors such as VS Code with the YAML extension. With -q, the answers schema knows that questionnaire\'s question ids and scale labels, so an editor completes them and flags a misspelt id.')
    .argument('<format>', 'answers or questionnaire')
    .addHelpText('after', example('ostrom-ready schema answers -q ostrom-four-conditions > answers.schema.json', 'ostrom-ready schema questionnaire > questionnaire.schema.json'))
    .action(async (format: string, _options, command: Command) => run(async () =>
      (await import('./commands/schema.js')).runSchema(format, globalsOf(command), io)));

  return program;
}

/** The command word: the first argument that is not a global option or its value. */
function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-q' || arg === '--questionnaire' || arg === '--questionnaires') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  // Commander shows the general help for "unknown --help"; an unknown command is an error.
  const word = commandWord(argv.slice(2));
  const known = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  if (word !== undefined && word !== 'help' && !known.includes(word)) {
    const near = closest(word, known);
    process.stderr.write(`ostrom-ready: error: unknown command '${word}'${near ? ` (did you mean '${near}'?)` : ''}; see ostrom-ready --help\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) { // commander is in this file's bundle only
      // Help and version exit 0; every other parsing problem is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    // By name, not instanceof: each command is bundled in a file of its own, with its own
    // copy of the error classes (scripts/bundle.mjs).
    const name = (error as Error)?.name;
    if (name === 'UsageError') {
      process.stderr.write(`ostrom-ready: error: ${(error as Error).message}\n`);
      process.exitCode = 2;
    } else if (name === 'WriteError') {
      process.stderr.write(`ostrom-ready: error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`ostrom-ready: internal error: ${(error as Error)?.message ?? String(error)}\nThis is a bug; please report it with the command you ran.${process.env.OSTROM_READY_DEBUG ? `\n${(error as Error)?.stack}` : ''}\n`);
      process.exitCode = 1;
    }
  }
}
