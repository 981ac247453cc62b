import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });

const importsOf = (file: string): string[] => {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((m) => (m[1] ?? m[2]) as string);
};

const violations = (folder: string, allowed: (specifier: string, file: string) => boolean): string[] =>
  sourceFiles(join(root, folder)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => !allowed(specifier, file))
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );

const insideOf = (folder: string, specifier: string, file: string): boolean =>
  !relative(join(root, folder), resolve(dirname(file), specifier)).startsWith('..');

describe('dependency rules', () => {
  it('core imports only effect and core itself', () => {
    const bad = violations('core', (specifier, file) =>
      specifier.startsWith('.') ? insideOf('core', specifier, file) : specifier === 'effect' || specifier.startsWith('effect/'),
    );
    expect(bad).toEqual([]);
  });

  it('adapters import core and their own folder, never apps or another adapter', () => {
    const bad = violations('adapters', (specifier, file) => {
      if (!specifier.startsWith('.')) return true;
      const own = relative(join(root, 'adapters'), file).split('/')[0] as string;
      return insideOf('core', specifier, file) || insideOf(join('adapters', own), specifier, file);
    });
    expect(bad).toEqual([]);
  });

  it('the rule itself catches a forbidden import', () => {
    expect(importsOf(join(root, 'tests/unit/architecture.test.ts'))).toContain('node:fs');
  });
});
