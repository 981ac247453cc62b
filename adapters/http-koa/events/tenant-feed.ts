import { Effect } from 'effect';
import type { LoggedEvent } from '../../../core/events/envelope.ts';
import type { StoreUnavailable } from '../../../core/shared/errors.ts';
import type { LiveStream } from './live-stream.ts';

/** Reads a page of the tenant's event log after a position. */
export type ReadAfter = (position: number, limit: number) => Effect.Effect<ReadonlyArray<LoggedEvent>, StoreUnavailable>;

export interface FeedLogger {
  warn(fields: object, message: string): void;
}

const retryMs = 500;

/**
 * The live streams of one tenant in this process and the one read of the event log they share: on each
 * notice the feed reads after `head` once and hands the page to every live stream. A new stream first
 * catches up on its own from its resume point, and joins only once it has reached `head`, so it sees
 * every event exactly once, in position order.
 */
export class TenantFeed {
  readonly live = new Set<LiveStream>();
  readonly catchingUp = new Set<LiveStream>();
  /** Every event up to here has been offered to every live stream. */
  #head: number;
  #pumping = false;
  #again = false;
  readonly #read: ReadAfter;
  readonly #pageSize: number;
  readonly #logger: FeedLogger;

  constructor(read: ReadAfter, start: number, pageSize: number, logger: FeedLogger) {
    this.#read = read;
    this.#head = start;
    this.#pageSize = pageSize;
    this.#logger = logger;
  }

  get empty(): boolean {
    return this.live.size === 0 && this.catchingUp.size === 0;
  }

  remove(stream: LiveStream): void {
    this.live.delete(stream);
    this.catchingUp.delete(stream);
  }

  /** Replays what `stream` missed since its position, then makes it live. A failed read ends the stream (the client resumes). */
  async join(stream: LiveStream): Promise<void> {
    this.catchingUp.add(stream);
    try {
      for (;;) {
        const page = await Effect.runPromise(this.#read(stream.position, this.#pageSize));
        if (stream.closed) return;
        for (const event of page) {
          stream.offer(event);
          await stream.drained();
        }
        if (stream.closed) return;
        if (page.length < this.#pageSize && stream.position >= this.#head) break;
        if (page.length < this.#pageSize && this.live.size === 0 && !this.#pumping) {
          this.#head = stream.position;
          break;
        }
      }
      this.catchingUp.delete(stream);
      if (this.live.size === 0 && !this.#pumping) this.#head = Math.max(this.#head, stream.position);
      this.live.add(stream);
      // A notice may have come while it caught up with nobody live to read for it.
      this.notify();
    } catch (error) {
      this.#logger.warn({ err: String(error), tenantId: stream.tenantId }, 'live stream catch-up failed; closing it');
      this.catchingUp.delete(stream);
      stream.close();
    }
  }

  /** Something was committed in the tenant: read once for every live stream (notices during a read coalesce into one more). */
  notify(): void {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void this.#pump();
  }

  async #pump(): Promise<void> {
    try {
      do {
        this.#again = false;
        for (;;) {
          if (this.live.size === 0) break;
          const page = await Effect.runPromise(this.#read(this.#head, this.#pageSize));
          for (const event of page) for (const stream of this.live) stream.offer(event);
          const last = page.at(-1);
          if (last !== undefined) this.#head = Math.max(this.#head, last.position);
          if (page.length < this.#pageSize) break;
        }
      } while (this.#again);
    } catch (error) {
      this.#logger.warn({ err: String(error) }, 'live events read failed; retrying');
      setTimeout(() => this.notify(), retryMs).unref();
    } finally {
      this.#pumping = false;
    }
  }
}
