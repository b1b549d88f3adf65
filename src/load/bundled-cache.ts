// The bundled questionnaires, checked once at build time and kept as JSON beside the code,
// so that a command starts without parsing and validating 120 KB of YAML. A file that has
// changed since the build (its bytes differ from the copy kept with it) is loaded from YAML
// as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_CACHE } from '../paths.js';
import type { Questionnaire } from '../schemas/questionnaire.js';
import { loadQuestionnaireFile, type LoadedQuestionnaire } from './questionnaire.js';
import type { YamlSource } from './yaml-document.js';

const CACHE_FILE = BUNDLED_CACHE;

/**
 * `source`: the file's bytes when it was checked, one character per byte ('latin1'), so that
 * comparing is exact. Comparing a copy is quicker than hashing the file at every start (a
 * hash loop over 120 KB took 2 to 4 ms, as V8 had not optimised it yet at start-up), and needs
 * no crypto module.
 */
interface CacheEntry { name: string; source: string; questionnaire: Questionnaire }

const bytesOf = (file: string) => readFileSync(file, 'latin1');

/** An entry whose YAML source is parsed only if a diagnostic needs a position in it. */
function lazyEntry(file: string, questionnaire: Questionnaire): LoadedQuestionnaire {
  let source: YamlSource | undefined;
  return {
    file,
    questionnaire,
    get source() {
      if (!source) {
        const loaded = loadQuestionnaireFile(file);
        if (!loaded.ok) throw new Error(`${file} no longer loads`);
        source = loaded.value.source;
      }
      return source;
    },
  };
}

/** The cached entries for these files, or null for any file that is new or changed. */
export function readBundledCache(files: readonly string[], cacheFile = CACHE_FILE): (LoadedQuestionnaire | null)[] {
  let cache: Map<string, CacheEntry>;
  try {
    cache = new Map((JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheEntry[]).map((e) => [e.name, e]));
  } catch {
    return files.map(() => null);
  }
  return files.map((file) => {
    const entry = cache.get(path.basename(file));
    if (!entry) return null;
    try {
      return typeof entry.source === 'string' && bytesOf(file) === entry.source ? lazyEntry(file, entry.questionnaire) : null;
    } catch {
      return null;
    }
  });
}

/** Build step: cache every bundled questionnaire that loads. */
export function writeBundledCache(loaded: readonly LoadedQuestionnaire[], cacheFile = CACHE_FILE): number {
  const entries: CacheEntry[] = loaded.map((l) => ({ name: path.basename(l.file), source: bytesOf(l.file), questionnaire: l.questionnaire }));
  writeFileSync(cacheFile, JSON.stringify(entries));
  return entries.length;
}
