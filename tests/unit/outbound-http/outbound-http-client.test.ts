import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DestinationGuard, type Resolve } from '../../../adapters/outbound-http/destination-guard.ts';
import { OutboundHttpClient } from '../../../adapters/outbound-http/outbound-http-client.ts';
import type { OutboundRequest } from '../../../core/shared/outbound.port.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let port: number;
let handler: Handler;
const seen: Array<{ method: string; url: string; host: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body: Buffer.concat(chunks).toString() });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
});

const relaxed = new OutboundHttpClient(new DestinationGuard({ allowPrivateNetworks: true }));
const post = (url: string, extra: Partial<OutboundRequest> = {}): OutboundRequest => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{"a":1}'),
  timeoutMs: 2_000,
  maxBodyBytes: 64 * 1024,
  ...extra,
});

describe('OutboundHttpClient', () => {
  it('sends the request and returns status, headers and body', async () => {
    const result = await relaxed.send(post(`http://127.0.0.1:${port}/hook?x=1`));
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(result.kind === 'response' && Buffer.from(result.body).toString()).toBe('ok');
    expect(seen).toEqual([{ method: 'POST', url: '/hook?x=1', host: `127.0.0.1:${port}`, body: '{"a":1}' }]);
  });

  it('reads at most maxBodyBytes of an answer, then fails the call', async () => {
    handler = (_req, res) => res.writeHead(200).end(Buffer.alloc(64 * 1024 + 1, 97));
    expect(await relaxed.send(post(`http://127.0.0.1:${port}/big`))).toMatchObject({ kind: 'failed', tooLarge: true });
    handler = (_req, res) => res.writeHead(200).end(Buffer.alloc(64 * 1024, 97));
    expect(await relaxed.send(post(`http://127.0.0.1:${port}/exact`))).toMatchObject({ kind: 'response', status: 200 });
  });

  it('times out a destination that does not answer', async () => {
    handler = () => {};
    const started = Date.now();
    expect(await relaxed.send(post(`http://127.0.0.1:${port}/slow`, { timeoutMs: 150 }))).toMatchObject({ kind: 'failed', timedOut: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a refused connection as a failure', async () => {
    const result = await relaxed.send(post('http://127.0.0.1:9/closed'));
    expect(result).toMatchObject({ kind: 'failed', timedOut: false });
    expect(result.kind === 'failed' && result.reason).toContain('ECONNREFUSED');
  });

  it('does not follow redirects', async () => {
    handler = (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    expect(await relaxed.send(post(`http://127.0.0.1:${port}/moved`))).toMatchObject({ kind: 'response', status: 302 });
    expect(seen.map((s) => s.url)).toEqual(['/moved']);
  });

  it('refuses loopback without OUTBOUND_ALLOW_PRIVATE_NETWORKS, sending nothing', async () => {
    const strict = new OutboundHttpClient(new DestinationGuard({ allowPrivateNetworks: false }));
    for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      expect(await strict.send(post(url))).toMatchObject({ kind: 'refused' });
    }
    expect(seen).toEqual([]);
  });

  it('connects to the address it vetted, and vets again at every call (DNS rebinding)', async () => {
    const answers = ['127.0.0.1', '127.0.0.1'];
    let calls = 0;
    // The host name is unknown to the system resolver: reaching the server proves the vetted address was used.
    const resolve: Resolve = async () => [{ address: answers[calls++] ?? '127.0.0.1', family: 4 }];
    const pinned = new OutboundHttpClient(new DestinationGuard({ allowPrivateNetworks: true, resolve }));
    expect(await pinned.send(post(`http://rebind.invalid:${port}/first`))).toMatchObject({ kind: 'response', status: 200 });
    expect(seen[0]?.host).toBe(`rebind.invalid:${port}`);

    let flips = 0;
    const flipping: Resolve = async () => [{ address: flips++ === 0 ? '93.184.215.14' : '127.0.0.1', family: 4 }];
    const strict = new OutboundHttpClient(new DestinationGuard({ allowPrivateNetworks: false, resolve: flipping }));
    await strict.send(post(`http://rebind.invalid:${port}/public`, { timeoutMs: 100 }));
    expect(await strict.send(post(`http://rebind.invalid:${port}/inward`))).toMatchObject({ kind: 'refused' });
    expect(seen.map((s) => s.url)).toEqual(['/first']);
  });
});
