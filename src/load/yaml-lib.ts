// The YAML library, loaded the first time it is needed: plain answers files are read without
// it (fast-yaml.ts), and loading it costs about 10 ms of a start. In the bundle this file is
// replaced (scripts/bundle.mjs) by one that loads dist/yaml.cjs, yaml bundled on its own, so
// that dist/ needs nothing from node_modules; here Node resolves it.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let library: Yaml | undefined;

export function yamlLibrary(): Yaml {
  return (library ??= createRequire(import.meta.url)('yaml') as Yaml);
}
