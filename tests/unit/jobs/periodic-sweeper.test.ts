import { describe, expect, it, vi } from 'vitest';
import { PeriodicSweeper } from '../../../adapters/in-process/periodic-sweeper.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicSweeper', () => {
  it('calls the sweep every interval until stopped', async () => {
    const sweep = vi.fn(async () => {});
    const sweeper = new PeriodicSweeper({ name: 'test', intervalMs: 10, sweep });
    sweeper.start();
    await vi.waitFor(() => expect(sweep.mock.calls.length).toBeGreaterThanOrEqual(3));
    await sweeper.stop();
    const calls = sweep.mock.calls.length;
    await wait(40);
    expect(sweep.mock.calls.length).toBe(calls);
  });

  it('skips a tick while the previous sweep is still running', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const sweeper = new PeriodicSweeper({
      name: 'slow',
      intervalMs: 5,
      sweep: async () => {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        await wait(60);
        running--;
      },
    });
    sweeper.start();
    await wait(150);
    await sweeper.stop();
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(3);
  });

  it('stop waits for the running sweep to finish', async () => {
    let finished = false;
    const sweeper = new PeriodicSweeper({
      name: 'finishing',
      intervalMs: 1000,
      sweep: async () => {
        await wait(50);
        finished = true;
      },
    });
    void sweeper.runNow();
    await sweeper.stop();
    expect(finished).toBe(true);
  });

  it('keeps sweeping after a sweep fails, including one that throws synchronously', async () => {
    let calls = 0;
    const sweeper = new PeriodicSweeper({
      name: 'failing',
      intervalMs: 5,
      sweep: () => {
        calls++;
        if (calls === 1) throw new Error('sync');
        return Promise.reject(new Error('async'));
      },
    });
    sweeper.start();
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(3));
    await sweeper.stop();
  });
});
