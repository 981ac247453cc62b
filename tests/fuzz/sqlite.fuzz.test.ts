import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStore } from '../e2e-stores/sqlite-store.ts';
import { channelAnswers, runFuzz, summary } from './fuzz-run.ts';
import { snapshotOf, startFuzzWorld, type FuzzWorld } from './fuzz-world.ts';
import { describeViolations } from './violations.ts';

const total = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? 20261203);

let world: FuzzWorld;
beforeAll(async () => {
  world = await startFuzzWorld(makeStore);
});
afterAll(() => world?.close());

describe('OpenAPI-driven fuzzing on SQLite', () => {
  it(`answers ${total} generated requests within the contract and leaves tenant B untouched`, { timeout: 600_000 }, async () => {
    const before = await snapshotOf(world);
    const started = performance.now();
    const counts = await runFuzz(world, { total, seed, concurrency: 4 });
    console.log(summary('sqlite', counts, (performance.now() - started) / 1000));
    if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(counts.byOperation, null, 1));
    expect(describeViolations(counts.violations)).toEqual([]);
    expect(counts.requests).toBe(total);
    expect(Object.keys(counts.byOperation)).toHaveLength(counts.operations);
    // Signed as the sender signs, generated deliveries get past authentication: accepted, or judged on their bodies.
    expect(channelAnswers(counts)['202'] ?? 0).toBeGreaterThan(0);
    expect(channelAnswers(counts)['422'] ?? 0).toBeGreaterThan(0);
    expect(await snapshotOf(world)).toBe(before);
  });
});
