// The published package: `npm pack` ships what a user needs and nothing else, and the
// packed tarball installs into an empty folder and runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm package', () => {
  it('packs only the built code, bin, questionnaires, schemas, README and LICENSE; installs and runs', () => {
    const dest = tempDir('ostrom-pack-');
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    const top = [...new Set(files.map((f) => f.split('/')[0]))].sort();
    expect(top).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'questionnaires', 'schemas']);
    expect(files).toContain('dist/cli.cjs');
    expect(files).toContain('bin/package.json'); // makes bin/ostrom-ready.js CommonJS
    expect(files).toContain('questionnaires/ostrom-four-conditions.yaml');
    expect(files.some((f) => f.startsWith('test') || f.endsWith('.ts'))).toBe(false);

    const app = tempDir('ostrom-install-');
    writeFileSync(path.join(app, 'package.json'), '{"name":"try-it","private":true}');
    const tarball = path.join(dest, readdirSync(dest).find((f) => f.endsWith('.tgz'))!);
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, stdio: 'pipe' });
    const r = spawnSync(path.join(app, 'node_modules', '.bin', 'ostrom-ready'), ['report', path.join(ROOT, 'examples', 'anytown-early.answers.yaml')], { cwd: app, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# Action report: Anytown Borough Council');
    // A broken file needs the full YAML parser, which is loaded only then: it is in the bundle.
    writeFileSync(path.join(app, 'broken.yaml'), 'questionnaire: ostrom-four-conditions\nversion: 1\norganisation: [\n');
    const broken = spawnSync(path.join(app, 'node_modules', '.bin', 'ostrom-ready'), ['validate', 'broken.yaml'], { cwd: app, encoding: 'utf8' });
    expect(broken.stderr).toBe('broken.yaml:3:15: error: this [ is never closed; end the list with ]\n');
    expect(broken.status).toBe(1);
  }, 180_000);
});
