import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What `GET /metrics` answers: the exposition, or 404 as if there were no such resource. */
export type ScrapeAnswer = { readonly status: 200; readonly contentType: string; readonly body: string } | { readonly status: 404 };

export interface Scrapable {
  readonly contentType: string;
  render(): Promise<string>;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The credentials of `Authorization: Bearer <token>` (scheme case-insensitive), parsed without a regex. */
const bearerOf = (authorization: string | undefined): string | undefined => {
  if (authorization === undefined || authorization.length > 1024) return undefined;
  const space = authorization.indexOf(' ');
  if (space < 0 || authorization.slice(0, space).toLowerCase() !== 'bearer') return undefined;
  const token = authorization.slice(space + 1).trim();
  return token === '' || token.includes(' ') ? undefined : token;
};

/**
 * `GET /metrics` behind a bearer token: compared in constant time (fixed-length digests), never logged;
 * a missing or wrong token gets the same 404 as a server without metrics. `token` null: no token needed.
 */
export const scrapeEndpoint = (metrics: Scrapable, token: string | null) => {
  const expected = token === null ? null : digest(token);
  return async (authorization: string | undefined): Promise<ScrapeAnswer> => {
    if (expected !== null) {
      const given = bearerOf(authorization);
      if (given === undefined || !timingSafeEqual(digest(given), expected)) return { status: 404 };
    }
    return { status: 200, contentType: metrics.contentType, body: await metrics.render() };
  };
};

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** The worker's own `/metrics` (`METRICS_PORT`): a bare HTTP server answering only `GET /metrics`. */
export const startMetricsServer = async (
  scrape: (authorization: string | undefined) => Promise<ScrapeAnswer>,
  port: number,
  host?: string,
): Promise<MetricsServer> => {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    scrape(req.headers.authorization).then(
      (answer) => {
        if (answer.status === 404) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        else res.writeHead(200, { 'content-type': answer.contentType }).end(req.method === 'HEAD' ? undefined : answer.body);
      },
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
