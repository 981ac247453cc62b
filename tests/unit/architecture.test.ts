import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** Import cycles (type-only imports included) among the files of `folders`, each as `a -> b -> a`. */
const cyclesIn = (folders: ReadonlyArray<string>): string[] => {
  const edges = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => sourceFiles(join(root, folder)))) {
    const local = importsOf(file).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
    edges.set(file, local.filter((target) => existsSync(target)));
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(root, f)).join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return cycles;
};

describe('dependency rules', () => {
  // The one exception: the SLA calendars read IANA zone rules through the Temporal polyfill, in core/sla/zone.ts only.
  const zoneRules = (specifier: string, file: string) => specifier === 'temporal-polyfill' && relative(root, file) === 'core/sla/zone.ts';

  it('core imports only effect and core itself (and the zone rules in core/sla/zone.ts)', () => {
    const bad = violations('core', (specifier, file) =>
      specifier.startsWith('.')
        ? insideOf('core', specifier, file)
        : specifier === 'effect' || specifier.startsWith('effect/') || zoneRules(specifier, file),
    );
    expect(bad).toEqual([]);
  });

  // The one exception: switchboard/memory still re-exports the production clock and ids it shipped in 0.2.
  const systemReexport = (specifier: string, file: string) => specifier === '../system/index.ts' && relative(root, file) === 'adapters/memory/index.ts';

  it('adapters import core and their own folder, never apps or another adapter (but the memory entry re-exporting the system clock and ids)', () => {
    const bad = violations('adapters', (specifier, file) => {
      if (!specifier.startsWith('.')) return true;
      const own = relative(join(root, 'adapters'), file).split('/')[0] as string;
      return insideOf('core', specifier, file) || insideOf(join('adapters', own), specifier, file) || systemReexport(specifier, file);
    });
    expect(bad).toEqual([]);
  });

  it('no module imports itself back, not even for types', () => {
    expect(cyclesIn(['core', 'adapters', 'apps'])).toEqual([]);
  });

  it('the cycle check finds a cycle', () => {
    const fixture = join(root, 'tests/unit/fixtures/cycle');
    expect(cyclesIn([relative(root, fixture)])).toEqual([
      'tests/unit/fixtures/cycle/a.ts -> tests/unit/fixtures/cycle/b.ts -> tests/unit/fixtures/cycle/a.ts',
    ]);
  });

  it('the rule itself catches a forbidden import', () => {
    expect(importsOf(join(root, 'tests/unit/architecture.test.ts'))).toContain('node:fs');
  });
});

/** Where a text names a vendor, leaving aside the contract's channel value `'qiscus'` (API.md's ticket `channel`). */
const vendorMentions = (text: string): number =>
  [...text.replaceAll("'qiscus'", '').matchAll(/qiscus/gi)].length;

describe('a vendor-neutral core', () => {
  it('no file under core/ mentions the chat platform vendor but for the channel value', () => {
    const named = sourceFiles(join(root, 'core'))
      .filter((file) => vendorMentions(readFileSync(file, 'utf8')) > 0 || /qiscus/i.test(relative(root, file)))
      .map((file) => relative(root, file));
    expect(named).toEqual([]);
  });

  it('the rule finds a mention in a name, a comment or a string other than the channel value', () => {
    expect(vendorMentions("channel: 'qiscus'")).toBe(0);
    expect(vendorMentions('/** Qiscus repeats it */ const QiscusThing = `qiscus-room:${id}`;')).toBe(3);
  });
});
