import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Effect } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DestinationGuard } from '../../../adapters/outbound-http/destination-guard.ts';
import { OutboundHttpClient } from '../../../adapters/outbound-http/outbound-http-client.ts';
import { defaultHttpOptions, send, type QiscusHttpOptions } from '../../../adapters/qiscus/qiscus-http.ts';
import { privateNetworkOutbound } from '../../support/outbound.ts';

let server: Server;
let baseUrl: string;
let answerBytes = 0;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(`${req.method} ${req.url} ${req.headers['qiscus-secret-key'] ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(Math.max(0, answerBytes - 2))}"`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  answerBytes = 16;
});

const options = (overrides: Partial<QiscusHttpOptions>): QiscusHttpOptions => ({
  ...defaultHttpOptions,
  timeoutMs: 2_000,
  baseDelayMs: 1,
  maxDelayMs: 2,
  ...overrides,
});
const request = { operation: 'list available agents', method: 'GET' as const, path: '/api/v2/admin/service/available_agents', headers: { 'Qiscus-Secret-Key': 'sk-secret' } };
const outcome = (http: QiscusHttpOptions, url = baseUrl) => Effect.runPromise(Effect.result(send(url, request, http)));

describe('Qiscus calls and the outbound URL rule', () => {
  it('refuses a loopback or metadata base URL at the call, sending no secret and not retrying', async () => {
    const strict = options({ outbound: new OutboundHttpClient(new DestinationGuard({ allowPrivateNetworks: false })) });
    for (const url of [baseUrl, 'http://169.254.169.254', 'http://localhost:1']) {
      const result = await outcome(strict, url);
      expect(result).toMatchObject({ _tag: 'Failure', failure: { _tag: 'ChatPlatformUnavailable' } });
      expect(result._tag === 'Failure' && result.failure.reason).toContain('base URL refused');
    }
    expect(received).toEqual([]);
  });

  it('reads answers up to 1 MiB and fails the call past it, without retrying', async () => {
    const relaxed = options({ outbound: privateNetworkOutbound });
    answerBytes = 1024 * 1024;
    expect(await outcome(relaxed)).toMatchObject({ _tag: 'Success', success: { status: 200 } });
    answerBytes = 1024 * 1024 + 1;
    const result = await outcome(relaxed);
    expect(result._tag === 'Failure' && result.failure.reason).toContain('answer over 1048576 bytes');
    expect(received).toHaveLength(2);
  });
});
