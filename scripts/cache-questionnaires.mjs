#!/usr/bin/env node
// Build step: check the bundled questionnaires and cache them as JSON in dist/ (see
// src/load/bundled-cache.ts). Fails the build if a bundled questionnaire has a problem.
import { writeBundledCache } from '../build/load/bundled-cache.js';
import { formatDiagnostic } from '../build/load/diagnostics.js';
import { loadRegistry } from '../build/load/registry.js';

const registry = loadRegistry({ useCache: false });
if (registry.problems.length) {
  for (const d of registry.problems) console.error(formatDiagnostic(d));
  process.exit(1);
}
writeBundledCache(registry.entries);
