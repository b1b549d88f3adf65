// The package version, read once from package.json so that it is never out of step.
import { readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
export const GENERATOR = `ostrom-ready ${VERSION}`;
