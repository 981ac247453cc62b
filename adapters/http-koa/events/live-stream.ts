import type { ServerResponse } from 'node:http';
import type { Role } from '../../../core/access/user.ts';
import { toEnvelope, visibleTo, type LoggedEvent } from '../../../core/events/envelope.ts';
import type { StreamLease } from '../../../core/events/stream-access.port.ts';
import type { Actor } from '../../../core/shared/actor.ts';
import { commentFrame, eventFrame, resetFrame, retryFrame } from './sse-frames.ts';

export interface LiveStreamOptions {
  readonly heartbeatMs: number;
  /** Bytes a slow client may leave unread beyond the response's high-water mark before it is disconnected (it can resume with Last-Event-ID). */
  readonly maxBufferedBytes: number;
  /** The stream ends this long after it opened (its access token runs out then); null: it does not. */
  readonly endAfterMs: number | null;
  /** Called once, however the stream ended. */
  readonly onClose: (stream: LiveStream) => void;
}

/** One open `GET /api/events` response: it remembers the last position it delivered and writes only later events. */
export class LiveStream {
  readonly tenantId: string;
  readonly userId: string;
  readonly lease: StreamLease;
  role: Role;
  /** The tenant position of the last event this stream delivered or skipped as not visible to its role. */
  position: number;
  readonly #res: ServerResponse;
  readonly #options: LiveStreamOptions;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #end: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(res: ServerResponse, actor: Actor, lease: StreamLease, position: number, options: LiveStreamOptions) {
    this.tenantId = actor.tenantId;
    this.userId = actor.userId;
    this.role = actor.role;
    this.lease = lease;
    this.position = position;
    this.#res = res;
    this.#options = options;
    res.once('close', () => this.#ended());
    res.on('error', () => this.#ended());
    this.#heartbeat = setInterval(() => {
      this.#write(commentFrame('heartbeat'));
    }, options.heartbeatMs);
    if (options.endAfterMs !== null) {
      this.#end = setTimeout(() => {
        this.#write(commentFrame('access token expired'));
        this.close();
      }, options.endAfterMs);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends the headers at once (so the client knows it is connected), then `event: reset` when the resume id was unknown. */
  open(reset: boolean): void {
    this.#res.socket?.setNoDelay(true);
    this.#res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.#write(retryFrame(1000) + commentFrame('connected') + (reset ? resetFrame : ''));
  }

  /** Delivers `event` when it is newer than the last one and the role may see it; older ones are already sent. */
  offer(event: LoggedEvent): void {
    if (this.#closed || event.position <= this.position) return;
    this.position = event.position;
    if (!visibleTo(this.role, event.type)) return;
    const envelope = toEnvelope(event);
    this.#write(eventFrame(envelope.id, envelope.type, JSON.stringify(envelope)));
  }

  /** Resolves once the client has taken what was written (a replay waits here, so it never overruns the buffer limit). */
  drained(): Promise<void> {
    if (this.#closed || !this.#res.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.#res.off('drain', done);
        this.#res.off('close', done);
        resolve();
      };
      this.#res.once('drain', done);
      this.#res.once('close', done);
    });
  }

  /** Ends the response cleanly (shutdown, deactivation). */
  close(): void {
    if (this.#closed) return;
    this.#res.end();
    this.#ended();
  }

  #write(chunk: string): void {
    if (this.#closed) return;
    this.#res.write(chunk);
    // Node buffers whatever the socket does not take; a replay waits for 'drain' past the high-water mark,
    // live events do not wait: this much more unread and the client is too slow, so drop it.
    if (this.#res.writableLength > this.#res.writableHighWaterMark + this.#options.maxBufferedBytes) {
      this.#res.destroy();
      this.#ended();
    }
  }

  #ended(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#end);
    this.#options.onClose(this);
  }
}
