import { ApiError } from './api-error.ts';
import type { EventEnvelope, EventType } from './types.ts';

/** The part of the browser's EventSource this uses (a fake in unit tests). */
export interface StreamSource {
  addEventListener(type: string, listener: (event: { readonly data: string; readonly lastEventId: string }) => void): void;
  onopen: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  close(): void;
}

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export interface LiveEventsOptions {
  /** `POST /api/events/ticket` through the authenticated client. */
  readonly streamTicket: () => Promise<{ readonly ticket: string }>;
  readonly open: (url: string) => StreamSource;
  readonly onEvent: (event: EventEnvelope) => void;
  /** The server no longer has our place (`event: reset`): refetch everything. */
  readonly onReset: () => void;
  readonly onState: (state: LiveState) => void;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
}

export const eventTypes: ReadonlyArray<EventType> = [
  'ticket.created',
  'ticket.assigned',
  'ticket.unassigned',
  'ticket.status_changed',
  'message.created',
  'allocation.queued',
  'agent.availability_changed',
  'sla.breached',
];

/**
 * `/api/events` through EventSource. A browser EventSource cannot send a bearer token, so each
 * connection spends a fresh stream ticket; after a drop it reconnects (with backoff) from the last id seen.
 */
export class LiveEvents {
  private source: StreamSource | null = null;
  private lastEventId: string | null = null;
  private failures = 0;
  private stopped = false;
  private readonly options: LiveEventsOptions;

  constructor(options: LiveEventsOptions) {
    this.options = options;
  }

  get resumeFrom(): string | null {
    return this.lastEventId;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.source = null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.options.onState(this.failures === 0 && this.lastEventId === null ? 'connecting' : 'reconnecting');
    let ticket: string;
    try {
      ticket = (await this.options.streamTicket()).ticket;
    } catch (error) {
      // No stream on this server (404), or signed out: try again later, slowly.
      const missing = error instanceof ApiError && (error.status === 404 || error.status === 401);
      return missing ? this.retry(30_000, 'unavailable') : this.retry();
    }
    if (this.stopped) return;
    const query = new URLSearchParams({ ticket });
    if (this.lastEventId !== null) query.set('last_event_id', this.lastEventId);
    const source = this.options.open(`/api/events?${query}`);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.options.onState('live');
    };
    source.onerror = () => {
      source.close();
      if (this.source !== source) return;
      this.source = null;
      this.retry();
    };
    for (const type of eventTypes) source.addEventListener(type, (message) => this.deliver(message));
    source.addEventListener('reset', (message) => {
      if (message.lastEventId !== '') this.lastEventId = message.lastEventId;
      this.options.onReset();
    });
  }

  private deliver(message: { readonly data: string; readonly lastEventId: string }): void {
    let event: EventEnvelope;
    try {
      event = JSON.parse(message.data) as EventEnvelope;
    } catch {
      return;
    }
    this.lastEventId = message.lastEventId !== '' ? message.lastEventId : event.id;
    this.options.onEvent(event);
  }

  private retry(ms?: number, state: LiveState = 'reconnecting'): void {
    if (this.stopped) return;
    this.failures++;
    const delay = ms ?? Math.min(15_000, 500 * 2 ** Math.min(this.failures - 1, 5)) * (0.75 + Math.random() * 0.5);
    this.options.onState(state);
    (this.options.setTimer ?? setTimeout)(() => void this.connect(), delay);
  }
}
