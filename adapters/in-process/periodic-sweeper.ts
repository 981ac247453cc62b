import { silentLogger, type JobLogger } from './job-logger.ts';

export interface PeriodicSweeperOptions {
  readonly name: string;
  readonly intervalMs: number;
  readonly sweep: () => Promise<unknown>;
  readonly logger?: JobLogger;
}

/** Calls `sweep` every interval (e.g. ALLOCATION_SWEEP_SECONDS); a tick that finds the previous run still going is skipped. */
export class PeriodicSweeper {
  readonly #options: PeriodicSweeperOptions;
  readonly #logger: JobLogger;
  #timer: NodeJS.Timeout | null = null;
  #current: Promise<void> | null = null;

  constructor(options: PeriodicSweeperOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.runNow(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Runs a sweep now unless one is running; resolves when the sweep (or the one running) ends. Never rejects. */
  runNow(): Promise<void> {
    if (this.#current) {
      this.#logger.info({ sweeper: this.#options.name }, 'previous sweep still running; tick skipped');
      return this.#current;
    }
    const run = (async () => {
      try {
        await Promise.resolve().then(() => this.#options.sweep());
      } catch (error) {
        this.#logger.error({ sweeper: this.#options.name, err: error }, 'sweep failed');
      } finally {
        this.#current = null;
      }
    })();
    this.#current = run;
    return run;
  }

  /** No new ticks; waits for a running sweep to end. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#current;
  }
}
