import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { standardWebhookSigner } from '../../../adapters/crypto/standard-webhooks.ts';
import { DestinationGuard } from '../../../adapters/outbound-http/destination-guard.ts';
import { OutboundHttpClient } from '../../../adapters/outbound-http/outbound-http-client.ts';
import type { EventRecord } from '../../../core/events/envelope.ts';
import type { OutboundHttp, OutboundRequest, OutboundResult } from '../../../core/shared/outbound.port.ts';
import { DeliverWebhooksUseCase, deliveryTimeoutMs, maxAnswerBytes } from '../../../core/webhooks/deliver-webhooks.use-case.ts';
import { retryWindowMs } from '../../../core/webhooks/delivery-schedule.ts';
import { FanOutWebhooksUseCase } from '../../../core/webhooks/fan-out-webhooks.use-case.ts';
import { createWebhook } from '../../../core/webhooks/webhook.ops.ts';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import { manualClock, sequentialIds } from '../tickets/tickets-world.ts';

const tenantId = 'tenant-1';

/** An endpoint that answers `status(n)` to the event with `data.n` (default 200), recording what it got. */
const fakeEndpoint = (status: (n: number) => number = () => 200) => {
  const requests: OutboundRequest[] = [];
  const http: OutboundHttp = {
    send: async (request): Promise<OutboundResult> => {
      requests.push(request);
      const n = (JSON.parse(new TextDecoder().decode(request.body)) as { data: { n: number } }).data.n;
      return { kind: 'response', status: status(n), headers: {}, body: new Uint8Array() };
    },
  };
  return { http, requests, sent: () => requests.map((r) => JSON.parse(new TextDecoder().decode(r.body)) as { type: string; sequence: number | null; data: { n: number } }) };
};

/** `tap` runs on the store inside every unit of work: it may stand for another process acting at that moment. */
type StoreTap = (store: Store) => Store;

const tapped = (uow: MemoryUnitOfWork, tap: StoreTap): MemoryUnitOfWork =>
  new Proxy(uow, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      if (!['transaction', 'read', 'exclusive'].includes(String(property))) return value.bind(target);
      return (...args: unknown[]) => {
        const work = args[args.length - 1] as (store: Store) => unknown;
        return value.apply(target, [...args.slice(0, -1), (store: Store) => work(tap(store))]);
      };
    },
  });

const world = (http: OutboundHttp, tap: StoreTap = (s) => s) => {
  const plain = new MemoryUnitOfWork();
  const uow = tapped(plain, tap);
  const clock = manualClock();
  const ids = sequentialIds('w');
  const fanOut = new FanOutWebhooksUseCase({ uow, clock, ids });
  const deliver = new DeliverWebhooksUseCase({ uow, clock, ids, outbound: http, signer: standardWebhookSigner, random: () => 0.5 });
  let n = 0;
  const record = (ticketId: string | null) =>
    Effect.runPromise(uow.transaction((s) => s.events.record([{ eventId: `e${++n}`, tenantId, type: 'message.created', ticketId, occurredAt: clock.now(), data: { n } } satisfies EventRecord])));
  const subscribe = (url = 'https://93.184.215.14/hook') =>
    Effect.runPromise(
      uow.transaction((s) =>
        Effect.gen(function* () {
          const w = createWebhook({ id: ids.next(), tenantId, url, events: ['*'], description: null, secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`, cursor: yield* s.events.last(tenantId), now: clock.now() });
          yield* s.webhooks.insert(w);
          return w;
        }),
      ),
    );
  const run = async () => {
    await Effect.runPromise(fanOut.execute(tenantId));
    for (;;) if ((await Effect.runPromise(deliver.execute())).attempted === 0) return;
  };
  const webhook = (id: string) => Effect.runPromise(uow.read((s) => s.webhooks.get(tenantId, id)));
  const log = (id: string) => Effect.runPromise(uow.read((s) => s.webhooks.deliveries(tenantId, id, { limit: 100, after: null }))).then((p) => p.items);
  return { clock, record, subscribe, run, webhook, log };
};

describe('delivering webhooks (memory store, injected clock)', () => {
  it('sends each event once, signed, with the 10 s limit and the 64 KiB read cap', async () => {
    const endpoint = fakeEndpoint();
    const w = world(endpoint.http);
    await w.subscribe();
    await w.record('k1');
    await w.run();
    await w.run();
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]).toMatchObject({ method: 'POST', timeoutMs: deliveryTimeoutMs, maxBodyBytes: maxAnswerBytes, keepPartialBody: true });
    expect(deliveryTimeoutMs).toBe(10_000);
    expect(maxAnswerBytes).toBe(65_536);
    expect(endpoint.requests[0]?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it("holds a ticket's later events behind an earlier one being retried, in sequence order", async () => {
    let failures = 2;
    const endpoint = fakeEndpoint((n) => (n === 1 && failures-- > 0 ? 500 : 200));
    const w = world(endpoint.http);
    await w.subscribe();
    await w.record('k1');
    await w.record('k1');
    await w.record('k2');
    await w.record(null);
    await w.run();
    expect(endpoint.sent().map((e) => e.data.n)).toEqual([1, 3, 4]);
    w.clock.advance(5_000);
    await w.run();
    expect(endpoint.sent().map((e) => e.data.n)).toEqual([1, 3, 4, 1]);
    w.clock.advance(59_999);
    await w.run();
    expect(endpoint.sent()).toHaveLength(4);
    w.clock.advance(1);
    await w.run();
    expect(endpoint.sent().map((e) => [e.data.n, e.sequence])).toEqual([[1, 1], [3, 1], [4, null], [1, 1], [1, 1], [2, 2]]);
  });

  it('disables an endpoint after 3 days of failures and fails what it still had pending', async () => {
    const endpoint = fakeEndpoint(() => 503);
    const w = world(endpoint.http);
    const hook = await w.subscribe();
    await w.record('k1');
    await w.record('k1');
    await w.run();
    for (let elapsed = 0; elapsed < retryWindowMs; elapsed += 3_600_000) {
      w.clock.advance(3_600_000);
      await w.run();
      if (elapsed + 3_600_000 < retryWindowMs) expect((await w.webhook(hook.id))?.active).toBe(true);
    }
    expect((await w.webhook(hook.id))?.active).toBe(false);
    const log = await w.log(hook.id);
    expect(log.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(log.find((d) => d.attempts === 0)?.lastError).toBe('endpoint disabled after 3 days of failures');
    const sent = endpoint.requests.length;
    await w.record('k3');
    w.clock.advance(3_600_000);
    await w.run();
    expect(endpoint.requests).toHaveLength(sent);
  });

  it('checks the address again at every delivery: a name that starts resolving inward is refused, nothing sent', async () => {
    let address = '93.184.215.14';
    const guard = new DestinationGuard({ allowPrivateNetworks: false, resolve: async () => [{ address, family: 4 }] });
    const w = world(new OutboundHttpClient(guard));
    const hook = await w.subscribe('http://hooks.rebind.test/in');
    address = '127.0.0.1';
    await w.record('k1');
    await w.run();
    const [delivery] = await w.log(hook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(delivery?.lastError).toMatch(/^refused: host resolves to a loopback, private/);
  });
});

describe('fan-out racing a commit', () => {
  it('never skips an event committed between reading the log and catching the cursors up', async () => {
    const endpoint = fakeEndpoint();
    let raced = false;
    // The first read after the cursors finds nothing (as if pruned) while another process commits an event.
    const racingAfter = (store: Store): Store['events']['after'] => (tenant, position, limit) =>
      raced
        ? store.events.after(tenant, position, limit)
        : Effect.gen(function* () {
            raced = true;
            yield* store.events.record([{ eventId: 'late', tenantId, type: 'message.created', ticketId: 'k9', occurredAt: new Date(0), data: { n: 99 } }]);
            return [];
          });
    const w = world(endpoint.http, (store) =>
      new Proxy(store, {
        get: (target, property) =>
          property === 'events'
            ? new Proxy(target.events, { get: (events, name) => (name === 'after' ? racingAfter(target) : (Reflect.get(events, name) as (...a: unknown[]) => unknown).bind(events)) })
            : Reflect.get(target, property),
      }),
    );
    await w.subscribe();
    await w.record('k1');
    await w.run();
    expect(raced).toBe(true);
    // The late event's own job (or the sweep) fans out again: its delivery must still be there to make.
    await w.run();
    expect(endpoint.sent().map((e) => e.data.n)).toEqual([99]);
  });
});
