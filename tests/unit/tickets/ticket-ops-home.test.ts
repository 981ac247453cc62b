import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 13 item 1: a ticket changes only through core/tickets/*.ops.ts, so a change and its event cannot be separated.
const root = resolve(import.meta.dirname, '../../..');
const coreFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? coreFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
const outsideOps = coreFiles(join(root, 'core')).filter((file) => !file.endsWith('.ops.ts'));
const offenders = (pattern: RegExp): string[] =>
  outsideOps.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
  );

describe('the home of ticket changes', () => {
  it('no file of core/ but an ops file builds a ticket event', () => {
    expect(offenders(/domainEvent\(\s*['"]ticket\./u)).toEqual([]);
  });

  it('no file of core/ but an ops file copies a ticket with changed fields', () => {
    expect(offenders(/\{\s*\.\.\.(?:ticket|current|existing|t)\s*,/u)).toEqual([]);
  });

  it('the check itself sees a copy with a changed field', () => {
    expect(/\{\s*\.\.\.(?:ticket|current|existing|t)\s*,/u.test('return { ...ticket, queuedAt: null };')).toBe(true);
  });
});
