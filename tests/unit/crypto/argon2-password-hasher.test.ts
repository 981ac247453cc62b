import { parseOptions } from '@node-rs/argon2';
import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { Argon2PasswordHasher } from '../../../adapters/crypto/argon2-password-hasher.ts';

const hasher = new Argon2PasswordHasher();
const run = <A>(effect: Effect.Effect<A>) => Effect.runPromise(effect);

describe('Argon2PasswordHasher', () => {
  it('hashes with argon2id, m >= 19 MiB, t >= 2, p = 1 and a salt', async () => {
    const hash = await run(hasher.hash('correct horse battery'));
    expect(hash.startsWith('$argon2id$')).toBe(true);
    const options = parseOptions(hash);
    expect(options.memoryCost).toBeGreaterThanOrEqual(19456);
    expect(options.timeCost).toBeGreaterThanOrEqual(2);
    expect(options.parallelism).toBe(1);
    expect(await run(hasher.hash('correct horse battery'))).not.toBe(hash);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await run(hasher.hash('correct horse battery'));
    expect(await run(hasher.verify(hash, 'correct horse battery'))).toBe(true);
    expect(await run(hasher.verify(hash, 'correct horse batterY'))).toBe(false);
  });

  it('keeps emoji and long passwords whole (no truncation)', async () => {
    const long = `${'🐎'.repeat(127)}a`;
    const hash = await run(hasher.hash(long));
    expect(await run(hasher.verify(hash, long))).toBe(true);
    expect(await run(hasher.verify(hash, `${'🐎'.repeat(127)}b`))).toBe(false);
    expect(await run(hasher.verify(hash, '🐎'.repeat(127)))).toBe(false);
  });

  it('answers false for a malformed stored hash instead of failing', async () => {
    expect(await run(hasher.verify('not-a-hash', 'whatever1'))).toBe(false);
  });

  it('burns real argon2 work, comparable to a verification', async () => {
    const hash = await run(hasher.hash('correct horse battery'));
    await run(hasher.burn('warm up the dummy'));
    const timed = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < 3; i++) await work();
      return performance.now() - start;
    };
    const verifying = await timed(() => run(hasher.verify(hash, 'wrong password')));
    const burning = await timed(() => run(hasher.burn('wrong password')));
    // Generous bounds: the point is that burning is real argon2 work, not a shortcut.
    expect(burning).toBeGreaterThan(verifying / 10);
    expect(burning).toBeLessThan(verifying * 10);
  });

  it('refuses settings under the floor', () => {
    expect(() => new Argon2PasswordHasher({ memoryCost: 4096 })).toThrow(RangeError);
    expect(() => new Argon2PasswordHasher({ timeCost: 1 })).toThrow(RangeError);
  });
});
