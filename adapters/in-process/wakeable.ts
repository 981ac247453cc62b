/** A sleep that `wake()` cuts short, so stopping does not wait out a poll interval or a backoff. One sleeper at a time. */
export class Wakeable {
  #wake: (() => void) | null = null;
  #pending = false;

  sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.#wake === done) this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  /** Ends the current sleep, or the next one at once when nobody sleeps (a wake during work is not lost). */
  wake(): void {
    if (this.#wake === null) this.#pending = true;
    else this.#wake();
  }
}
