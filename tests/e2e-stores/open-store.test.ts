import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Effect } from 'effect';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, readinessOf, redactDatabaseUrl } from '../../apps/shared/open-store.ts';

const path = join(tmpdir(), `switchboard-open-${randomBytes(6).toString('hex')}.db`);
afterAll(async () => {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) await rm(file, { force: true });
});

const ready = (store: { ping(): Promise<boolean> }) => Effect.runPromise(readinessOf(store)());

describe('openStore (DATABASE_URL)', () => {
  it('migrates a new SQLite file once, and its readiness follows the connection', async () => {
    const first = await openStore(`sqlite:${path}`);
    expect(first.kind).toBe('sqlite');
    expect(first.migrated.length).toBeGreaterThan(0);
    expect(await ready(first)).toBe(true);
    await first.close();
    expect(await ready(first)).toBe(false);
    const again = await openStore(`sqlite:${path}`);
    expect(again.migrated).toEqual([]);
    await again.close();
  });

  it('opens the in-memory store for tests', async () => {
    const store = await openStore('memory:');
    expect(store.kind).toBe('memory');
    expect(await ready(store)).toBe(true);
  });

  it('turns a failing ping into "not ready"', async () => {
    expect(await ready({ ping: () => Promise.reject(new Error('connection reset')) })).toBe(false);
  });

  it('refuses a URL it cannot use, naming DATABASE_URL', async () => {
    await expect(openStore('postgres://db/switchboard')).rejects.toThrow(/DATABASE_URL/);
  });

  it('keeps passwords out of the URL it logs', () => {
    expect(redactDatabaseUrl('mysql://app:s3cret@db:3306/switchboard')).toBe('mysql://app:***@db:3306/switchboard');
    expect(redactDatabaseUrl('sqlite:./data/switchboard.db')).toBe('sqlite:./data/switchboard.db');
  });
});
