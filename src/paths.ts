// Where the package's own files are. Found from the package root, so that the same code works
// from src/ (tests), build/ (tsc output for scripts) and the bundled dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('ostrom-ready: cannot find its package.json');
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
export const BUNDLED_QUESTIONNAIRES = path.join(PACKAGE_ROOT, 'questionnaires');
export const BUNDLED_CACHE = path.join(PACKAGE_ROOT, 'dist', 'bundled-questionnaires.json');
export const BATCH_WORKER = path.join(PACKAGE_ROOT, 'dist', 'batch', 'worker.js');
