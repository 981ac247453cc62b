/** A periodic job, run every `intervalMs` by a `PeriodicSweeper`. */
export interface SweepJob {
  readonly name: string;
  readonly intervalMs: number;
  readonly sweep: () => Promise<unknown>;
  /** Runs the sweep at once (besides the interval) whenever it signals. */
  readonly wake?: { subscribe(listener: () => void): () => void };
}

/** What a job signals to run a sweep at once. */
export class SweepWake {
  readonly #listeners = new Set<() => void>();

  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
