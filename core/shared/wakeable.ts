/**
 * A sleep that `wake()` cuts short, so stopping does not wait out a poll interval or a backoff. In core
 * (a timer, no I/O) because both job runners and the outbox relay use it and adapters do not import
 * each other.
 */
export class Wakeable {
  readonly #sleepers = new Set<() => void>();
  #pending = false;

  sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#sleepers.add(done);
    });
  }

  /** Ends every current sleep, or the next one at once when nobody sleeps (a wake during work is not lost). */
  wake(): void {
    if (this.#sleepers.size === 0) this.#pending = true;
    else for (const done of [...this.#sleepers]) done();
  }
}
