import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../apps/console/src/lib/api-error.ts';
import { LiveEvents, type LiveState, type StreamSource } from '../../../apps/console/src/lib/live-events.ts';
import type { EventEnvelope } from '../../../apps/console/src/lib/types.ts';

type Listener = (event: { data: string; lastEventId: string }) => void;

class FakeSource implements StreamSource {
  onopen: ((event: never) => void) | null = null;
  onerror: ((event: never) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, Listener>();
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
  send(type: string, id: string, data: unknown): void {
    this.listeners.get(type)?.({ data: JSON.stringify(data), lastEventId: id });
  }
}

const envelope = (id: string): EventEnvelope => ({ id, type: 'ticket.created', occurred_at: '', tenant_id: 't', sequence: 1, data: {} });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const harness = (ticket: () => Promise<{ ticket: string }>) => {
  const sources: FakeSource[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const events: string[] = [];
  const states: LiveState[] = [];
  let resets = 0;
  const live = new LiveEvents({
    streamTicket: ticket,
    open: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    onEvent: (event) => events.push(event.id),
    onReset: () => resets++,
    onState: (state) => states.push(state),
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  return { live, sources, timers, events, states, resets: () => resets };
};

describe('live events over EventSource', () => {
  it('spends a fresh stream ticket per connection and resumes from the last event id after a drop', async () => {
    let n = 0;
    const h = harness(async () => ({ ticket: `st-${++n}` }));
    h.live.start();
    await flush();
    expect(h.sources[0]?.url).toBe('/api/events?ticket=st-1');
    h.sources[0]?.onopen?.(undefined as never);
    h.sources[0]?.send('ticket.created', 'ev-1', envelope('ev-1'));
    h.sources[0]?.send('message.created', 'ev-2', { ...envelope('ev-2'), type: 'message.created' });
    expect(h.events).toEqual(['ev-1', 'ev-2']);
    h.sources[0]?.onerror?.(undefined as never);
    expect(h.sources[0]?.closed).toBe(true);
    expect(h.states.at(-1)).toBe('reconnecting');
    h.timers.shift()?.run();
    await flush();
    expect(h.sources[1]?.url).toBe('/api/events?ticket=st-2&last_event_id=ev-2');
    h.sources[1]?.onopen?.(undefined as never);
    expect(h.states.at(-1)).toBe('live');
  });

  it('passes a reset on, and resumes from the reset id afterwards', async () => {
    const h = harness(async () => ({ ticket: 'st' }));
    h.live.start();
    await flush();
    h.sources[0]?.send('reset', 'ev-9', {});
    expect(h.resets()).toBe(1);
    expect(h.live.resumeFrom).toBe('ev-9');
  });

  it('backs off and says so when the server has no event stream', async () => {
    const h = harness(() => Promise.reject(new ApiError(404, 'not_found', 'No such resource.')));
    h.live.start();
    await flush();
    expect(h.states.at(-1)).toBe('unavailable');
    expect(h.timers[0]?.ms).toBe(30_000);
    expect(h.sources).toHaveLength(0);
  });

  it('retries sooner after a network failure, and stops for good on stop()', async () => {
    const h = harness(() => Promise.reject(new ApiError(0, 'network', 'down')));
    h.live.start();
    await flush();
    expect(h.timers[0]?.ms).toBeLessThan(1_000);
    h.live.stop();
    h.timers.shift()?.run();
    await flush();
    expect(h.timers).toHaveLength(0);
  });
});
