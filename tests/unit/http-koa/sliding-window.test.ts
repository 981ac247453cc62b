import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../../../adapters/http-koa/sliding-window.ts';

describe('SlidingWindow', () => {
  it('admits at most the limit in ANY window, not per fixed window', () => {
    let now = 0;
    const window = new SlidingWindow(3, 60_000, () => now);
    now = 50_000;
    for (let i = 0; i < 3; i++) expect(window.admit('c')).toBeNull();
    // A fixed window would reopen at 60 s; these three are still inside the last 60 s until 110 s.
    now = 61_000;
    expect(window.admit('c')).toBe(49_000);
    now = 109_999;
    expect(window.admit('c')).toBe(1);
    now = 110_000;
    for (let i = 0; i < 3; i++) expect(window.admit('c')).toBeNull();
    expect(window.admit('c')).toBe(60_000);
  });

  it('keeps keys apart and takes a released admission back', () => {
    let now = 1_000;
    const window = new SlidingWindow(2, 1_000, () => now);
    expect(window.admit('a')).toBeNull();
    expect(window.admit('a')).toBeNull();
    expect(window.admit('b')).toBeNull();
    expect(window.admit('a')).not.toBeNull();
    window.release('a');
    expect(window.admit('a')).toBeNull();
    now = 2_000;
    expect(window.admit('a')).toBeNull();
  });

  it('drops keys whose admissions all expired once the map grows', () => {
    let now = 0;
    const window = new SlidingWindow(5, 1_000, () => now);
    for (let i = 0; i < 300; i++) window.admit(`old-${i}`);
    now = 5_000;
    for (let i = 0; i < 300; i++) window.admit(`new-${i}`);
    expect(window.size).toBeLessThan(600);
  });
});
