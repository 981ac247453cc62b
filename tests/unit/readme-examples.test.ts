import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const embedding = readme.slice(readme.indexOf('## Embedding'), readme.indexOf('\n## ', readme.indexOf('## Embedding') + 1));

// The README's embedding snippets are the tested examples (tests/package runs them from the packed package).
describe("the README's Embedding section", () => {
  it.each(readdirSync(new URL('../../examples/', import.meta.url)).filter((name) => name.endsWith('.ts')))('quotes examples/%s verbatim', (name) => {
    expect(embedding).toContain(`\`\`\`ts\n${read(`examples/${name}`)}\`\`\``);
  });

  it('imports the package by name, never by a path into the repo', () => {
    const imports = [...embedding.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    expect(imports.filter((from) => from.startsWith('.'))).toEqual([]);
    expect(imports).toContain('switchboard/app');
  });
});
