import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);

describe('the embedded default runs on node:sqlite', () => {
  it('installs no native addon: better-sqlite3 is neither a dependency nor in the lock file', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const declared = { ...manifest['dependencies'], ...manifest['devDependencies'], ...manifest['optionalDependencies'] };
    expect(Object.keys(declared)).not.toContain('better-sqlite3');
    expect(Object.keys(declared)).not.toContain('@mikro-orm/sqlite');
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    expect(Object.keys(lock.packages).filter((name) => name.endsWith('/better-sqlite3'))).toEqual([]);
  });

  it('opens and migrates a SQLite store with better-sqlite3 not even installed', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import { openDatabase } from './adapters/mikro-orm/index.ts';
      const db = await openDatabase('sqlite::memory:');
      const applied = (await db.orm.em.getConnection().execute("select count(*) as n from mikro_orm_migrations"))[0].n;
      await db.close();
      let better = 'absent';
      try { createRequire(import.meta.url).resolve('better-sqlite3'); better = 'installed'; } catch {}
      console.log(JSON.stringify({ applied, better }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { applied: number; better: string };
    expect(result.applied).toBeGreaterThan(5);
    expect(result.better).toBe('absent');
  });
});
