#!/usr/bin/env node
// Bundle the CLI into dist/ with esbuild: one small entry, and each command in a file of its
// own, loaded only when it runs, so start-up reads a few files instead of hundreds.
// Type checking is tsc's job (npm run build runs it first).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// Every part is built with these: yaml and child_process as below.
const plugins = [{
  // src/load/yaml-lib.ts loads yaml on first use. In the bundle yaml is a file of its own,
  // dist/yaml.cjs (built below), read only then: inside a command's file, its 115 KB would be
  // parsed at every start that loads answers: some 5 to 10 ms of `report`.
  name: 'yaml-on-first-use',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]load[\\/]yaml-lib\.ts$/ }, (args) => ({
      contents: [
        "import path from 'node:path';",
        "import { PACKAGE_ROOT } from '../paths.js';",
        'let library;',
        "export function yamlLibrary() { return (library ??= require(path.join(PACKAGE_ROOT, 'dist', 'yaml.cjs'))); }",
      ].join('\n'),
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
}, {
  // commander loads child_process at start-up for executable subcommands, which this CLI
  // does not use: 3 to 4 ms of every start, --help included.
  name: 'no-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'unused' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
}];

const common = {
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Minified without keepNames: keeping names costs a defineProperty for every function at
  // start-up, and error classes set their own name.
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and require() Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
  // The version, written in: start-up then reads no package.json (src/version.ts).
  define: { OSTROM_READY_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

// The entry, dist/cli.cjs: options and help only. It is CommonJS, loaded by bin/ostrom-ready.js
// (CommonJS too, by bin/package.json): Node reads CommonJS files synchronously, while its ESM
// loader reads each module through the thread pool and starts up a loader of its own, some
// 8 ms of `--help`. Each command is a file of its own that it imports when that command runs
// (dist/commands/NAME.js, ESM), holding everything the command needs: one file to read
// instead of a dozen shared chunks, 5 to 10 ms of `report`. Code the commands share is in
// each of their files; nothing passes between two of them but plain data, and errors are
// told apart by name (src/program.ts).
const commands = new Set();
const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  format: 'cjs',
  splitting: false,
  outExtension: { '.js': '.cjs' },
  banner: {},
  // src/version.ts reads import.meta.url only where no version is written in, never in here.
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [...plugins, {
    name: 'commands-apart',
    setup(b) {
      b.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (args) => {
        if (!/[\\/]src[\\/]program\.ts$/.test(args.importer)) return undefined;
        commands.add(path.basename(args.path, '.js'));
        return { path: args.path, external: true };
      });
    },
  }],
});
if (!commands.size) throw new Error('bundle: no command imports found in src/program.ts; does the commands-apart plugin still match?');
// Each command, and the batch worker, bundled on its own (with chunks only for what it
// imports lazily itself, such as the prompts of assess).
const parts = await Promise.all([
  ...[...commands].map((name) => build({ ...common, entryPoints: { [`commands/${name}`]: `src/commands/${name}.ts` }, plugins })),
  build({ ...common, entryPoints: { 'batch/worker': 'src/batch/worker.ts' }, plugins }),
]);
const results = [cli, ...parts];
// yaml, bundled on its own (dist/ needs nothing from node_modules).
const yamlBuild = await build({ stdin: { contents: "module.exports = require('yaml');", resolveDir: '.' }, outfile: 'dist/yaml.cjs', bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, legalComments: 'linked', logLevel: 'warning', metafile: true });
// Were yaml-lib.ts moved, the plugin above would stop matching without a word, and yaml would
// be bundled into a chunk again or required from node_modules.
const outputs = results.flatMap((r) => Object.keys(r.metafile.outputs));
const bundledText = outputs.filter((f) => /\.c?js$/.test(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
if (/require\(["']yaml["']\)/.test(bundledText) || !bundledText.includes('yaml.cjs') || results.some((r) => Object.keys(r.metafile.inputs).some((f) => /node_modules[\\/]yaml[\\/]/.test(f)))) {
  throw new Error('bundle: yaml should load from dist/yaml.cjs; does the yaml-on-first-use plugin still match src/load/yaml-lib.ts?');
}
// Remove chunks left from earlier builds, after the new ones are in place (never an empty dist/).
const written = new Set([...outputs, ...Object.keys(yamlBuild.metafile.outputs)].map((f) => path.resolve(f)));
for (const dir of ['dist/chunks', 'dist/commands', 'dist/batch', 'dist']) {
  if (!existsSync(dir)) continue; // no lazily loaded code, say: no chunks
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.resolve(dir, entry.name);
    if (entry.isFile() && /\.(c?js|txt)$/.test(entry.name) && !written.has(file)) rmSync(file);
  }
}
