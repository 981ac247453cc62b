import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request: answer with a status (and body), or never answer. */
export type Behaviour = { readonly status: number; readonly body?: string } | 'hang';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  // oxlint-disable-next-line no-explicit-any -- the envelope, asserted field by field
  readonly json: any;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  /** The next requests get these answers, in order; after them, 200. */
  answer(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

/** A local endpoint that records every delivery it gets. */
export const startReceiver = async (): Promise<WebhookReceiver> => {
  const received: Received[] = [];
  const queue: Behaviour[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, json: JSON.parse(body) });
      const next = queue.shift() ?? { status: 200 };
      if (next === 'hang') return;
      res.statusCode = next.status;
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    answer: (...behaviours) => queue.push(...behaviours),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
