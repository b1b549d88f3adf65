// The package version, read once from package.json so that it is never out of step.
import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from './paths.js';

export const VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
export const GENERATOR = `ostrom-ready ${VERSION}`;
