// The package version, from package.json so that it is never out of step: the bundle has it
// written in at build time (scripts/bundle.mjs), which spares every start reading the file;
// elsewhere (src/ in tests, build/) it is read once, from the folder above.
import { readFileSync } from 'node:fs';

declare const OSTROM_READY_VERSION: string | undefined;

export const VERSION: string = typeof OSTROM_READY_VERSION === 'string'
  ? OSTROM_READY_VERSION
  : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
export const GENERATOR = `ostrom-ready ${VERSION}`;
