/** One key's admitted times, oldest first, from `head` on (compacted as it advances): no bigger than the admissions in the window. */
interface Ring {
  times: number[];
  head: number;
}

/**
 * At most `limit` admissions per key in ANY `windowMs` (a true sliding window, exact), in this process's
 * memory: the times admitted in the last window per key. Keys whose admissions all expired are dropped as others arrive.
 */
export class SlidingWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #rings = new Map<string, Ring>();
  #sweepAt = 256;

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Admits one for `key` and returns null, or returns the ms until one more would fit (nothing admitted). */
  admit(key: string): number | null {
    const now = this.#now();
    let ring = this.#rings.get(key);
    if (ring === undefined) {
      if (this.#limit < 1) return this.#windowMs;
      this.#sweep(now);
      ring = { times: [], head: 0 };
      this.#rings.set(key, ring);
    }
    this.#expire(ring, now);
    if (ring.times.length - ring.head >= this.#limit) return Math.max(1, (ring.times[ring.head] as number) + this.#windowMs - now);
    ring.times.push(now);
    return null;
  }

  /** Takes back the latest admission of `key` (one that turned out not to count). */
  release(key: string): void {
    const ring = this.#rings.get(key);
    if (ring !== undefined && ring.times.length > ring.head) ring.times.pop();
  }

  /** Keys held (for tests). */
  get size(): number {
    return this.#rings.size;
  }

  #expire(ring: Ring, now: number): void {
    const { times } = ring;
    while (ring.head < times.length && (times[ring.head] as number) + this.#windowMs <= now) ring.head += 1;
    if (ring.head > 64 && ring.head * 2 > times.length) {
      ring.times = times.slice(ring.head);
      ring.head = 0;
    }
  }

  // Amortized: a full pass only when the map has doubled since the last one.
  #sweep(now: number): void {
    if (this.#rings.size < this.#sweepAt) return;
    for (const [key, ring] of this.#rings) {
      this.#expire(ring, now);
      if (ring.times.length === ring.head) this.#rings.delete(key);
    }
    this.#sweepAt = Math.max(256, this.#rings.size * 2);
  }
}
