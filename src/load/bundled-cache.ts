// The bundled questionnaires, checked once at build time and kept as JSON beside the code,
// so that a command starts without parsing and validating 120 KB of YAML. A file that has
// changed since the build (its hash differs) is loaded from YAML as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_CACHE } from '../paths.js';
import type { Questionnaire } from '../schemas/questionnaire.js';
import { loadQuestionnaireFile, type LoadedQuestionnaire } from './questionnaire.js';
import type { YamlSource } from './yaml-document.js';

const CACHE_FILE = BUNDLED_CACHE;

interface CacheEntry { name: string; hash: string; questionnaire: Questionnaire }

/** FNV-1a over the bytes, with the length: enough to notice an edit, and no crypto module to load at start-up. */
function hashOf(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

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
export function readBundledCache(files: readonly string[]): (LoadedQuestionnaire | null)[] {
  let cache: Map<string, CacheEntry>;
  try {
    cache = new Map((JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as CacheEntry[]).map((e) => [e.name, e]));
  } catch {
    return files.map(() => null);
  }
  return files.map((file) => {
    const entry = cache.get(path.basename(file));
    if (!entry) return null;
    try {
      return entry.hash === hashOf(readFileSync(file)) ? lazyEntry(file, entry.questionnaire) : null;
    } catch {
      return null;
    }
  });
}

/** Build step: cache every bundled questionnaire that loads. */
export function writeBundledCache(loaded: readonly LoadedQuestionnaire[]): number {
  const entries: CacheEntry[] = loaded.map((l) => ({ name: path.basename(l.file), hash: hashOf(readFileSync(l.file)), questionnaire: l.questionnaire }));
  writeFileSync(CACHE_FILE, JSON.stringify(entries));
  return entries.length;
}
