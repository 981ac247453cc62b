import { Effect } from 'effect';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import type { ChatPlatformAccount } from '../../../core/allocation/chat-platform.port.ts';
import { QiscusChatPlatform, type QiscusChatPlatformOptions } from '../../../adapters/qiscus/qiscus-chat-platform.ts';
import { privateNetworkOutbound } from '../../support/outbound.ts';
import { FakeQiscus } from '../../support/fake-qiscus/fake-qiscus.ts';

/** A fresh fake Qiscus per test; the getter reads the current one. */
export const useFakeQiscus = (): (() => FakeQiscus) => {
  let fake: FakeQiscus | undefined;
  beforeEach(async () => {
    fake = await FakeQiscus.start();
  });
  afterEach(async () => {
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error('fake Qiscus not started');
    return fake;
  };
};

export const accountOf = (fake: FakeQiscus, overrides: Partial<ChatPlatformAccount> = {}): ChatPlatformAccount => ({
  baseUrl: fake.baseUrl,
  appCode: fake.credentials.appCode,
  secretKey: fake.credentials.secretKey,
  admin: { email: fake.credentials.adminEmail, password: fake.credentials.adminPassword },
  ...overrides,
});

/** A client with short timeouts and delays so fault tests stay fast. */
export const fastClient = (options: QiscusChatPlatformOptions = {}) =>
  new QiscusChatPlatform({ timeoutMs: 300, maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 10, outbound: privateNetworkOutbound, ...options });

export const succeed = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect);
export const failure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> => Effect.runPromise(Effect.flip(effect));

/** A webhook receiver that records the JSON bodies it gets. */
export const startReceiver = async () => {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(raw));
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/webhook/mark_as_resolved?token=t0k3n`;
  return { url, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};
