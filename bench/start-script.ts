import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What an npm script of package.json starts: its environment prefix, Node flags and entry point. */
export interface StartScript {
  readonly env: Record<string, string>;
  readonly nodeArgs: ReadonlyArray<string>;
  readonly entry: string;
}

/**
 * Reads `npm run <name>`'s command (`VAR=value … node --flag … entry.ts`) from package.json, so a bench starts
 * the app with the runtime settings users get, not a copy of them.
 */
export const startScript = (name: 'start' | 'worker'): StartScript => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = (pkg.scripts[name] ?? '').split(/\s+/).filter((w) => w !== '');
  const node = words.indexOf('node');
  const entry = words.slice(node + 1).find((w) => !w.startsWith('-'));
  if (node < 0 || entry === undefined) throw new Error(`package.json scripts.${name} is not "[VAR=value …] node [flags …] <entry>"`);
  const env = Object.fromEntries(words.slice(0, node).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  return { env, nodeArgs: words.slice(node + 1, words.indexOf(entry)), entry };
};
