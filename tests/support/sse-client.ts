import { request } from 'node:http';

/** One server-sent event as a client sees it. */
export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

export interface SseStream {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as received, for responses that are not a stream (errors). */
  readonly events: SseEvent[];
  readonly comments: string[];
  /** Resolves when the server ended the response. */
  readonly ended: Promise<void>;
  body(): string;
  /** Waits until `count` events arrived (or fails after `timeoutMs`). */
  waitForEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  waitFor(check: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): void;
}

/** Parses the WHATWG event-stream format: blocks separated by a blank line, `field: value` lines, `:` comments. */
const parseBlock = (block: string, into: { events: SseEvent[]; comments: string[] }): void => {
  let id: string | null = null;
  let event = 'message';
  const data: string[] = [];
  let any = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      into.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else continue;
    any = true;
  }
  if (any && data.length > 0) into.events.push({ id, event, data: data.join('\n') });
};

/** Opens `GET url` as an event stream; resolves once the status and headers arrived. */
export const openSse = (url: string, headers: Readonly<Record<string, string>> = {}): Promise<SseStream> =>
  new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      let raw = '';
      let pending = '';
      res.setEncoding('utf8');
      const ended = new Promise<void>((done) => {
        res.on('close', () => done());
        res.on('error', () => done());
      });
      res.on('data', (chunk: string) => {
        raw += chunk;
        pending += chunk;
        let cut: number;
        while ((cut = pending.indexOf('\n\n')) >= 0) {
          parseBlock(pending.slice(0, cut), { events, comments });
          pending = pending.slice(cut + 2);
        }
      });
      const waitFor = (check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> =>
        new Promise((ok, fail) => {
          const started = Date.now();
          const tick = (): void => {
            if (check()) return ok();
            if (Date.now() - started > timeoutMs) return fail(new Error(`timed out waiting for ${what} (${events.length} events so far)`));
            setTimeout(tick, 5);
          };
          tick();
        });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        ended,
        body: () => raw,
        waitForEvents: async (count, timeoutMs = 5000) => {
          await waitFor(() => events.length >= count, timeoutMs, `${count} events`);
          return events.slice(0, count);
        },
        waitFor,
        close: () => {
          req.destroy();
          res.destroy();
        },
      });
    });
    req.on('error', reject);
    req.end();
  });
