import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Effect } from 'effect';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveEvents } from '../../../adapters/http-koa/events/live-events.ts';
import { uuidV7Ids } from '../../../adapters/system/uuid-v7-ids.ts';
import { MemoryStreamLeaseRepository } from '../../../adapters/memory/memory-streams.ts';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { ClaimStreamUseCase } from '../../../core/events/claim-stream.use-case.ts';
import type { Actor } from '../../../core/shared/actor.ts';
import { newId } from '../../support/access-builders.ts';
import { openSse, type SseStream } from '../../support/sse-client.ts';

// One renewal per process, not one per stream: every open stream's lease in a single repository call.
describe('LiveEvents lease renewal', () => {
  const leaseMs = 150;
  let ms = Date.now();
  const clock = { now: () => new Date(ms) };
  const uow = new MemoryUnitOfWork();
  const live = new LiveEvents({ uow, clock, logger: { warn: () => {} }, heartbeatMs: 10_000, leaseMs, maxBufferedBytes: 1 << 20 });
  const claim = new ClaimStreamUseCase({ uow, clock, ids: uuidV7Ids, streamsPerUser: 5, leaseMs });
  const actors = new Map<string, Actor>();
  let server: Server | undefined;
  const streams: SseStream[] = [];

  afterEach(async () => {
    for (const s of streams) s.close();
    live.closeAll();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    vi.restoreAllMocks();
  });

  it('renews the leases of every open stream, of every tenant, together; stops once none is open', async () => {
    const renew = vi.spyOn(MemoryStreamLeaseRepository.prototype, 'renew');
    server = createServer((req, res) => {
      const actor = actors.get(req.url?.slice(1) ?? '') as Actor;
      void Effect.runPromise(claim.execute(actor).pipe(Effect.flatMap((lease) => live.open(res, actor, lease, undefined))));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tenantA = newId();
    const who = [
      { userId: newId(), tenantId: tenantA, role: 'admin' },
      { userId: newId(), tenantId: tenantA, role: 'agent' },
      { userId: newId(), tenantId: newId(), role: 'admin' },
    ] satisfies Actor[];
    for (const actor of who) {
      actors.set(actor.userId, actor);
      streams.push(await openSse(`${base}/${actor.userId}`));
    }
    await vi.waitFor(() => expect(live.streams).toBe(3));
    ms += 100;
    const now = ms;
    await vi.waitFor(() => expect(renew.mock.calls.at(-1)?.[1]).toEqual(new Date(now + leaseMs)), { timeout: 2000 });
    const [ids] = renew.mock.calls.at(-1)!;
    expect([...ids].sort()).toEqual([...uow.db.streamLeases.values()].map((l) => l.id).sort());
    expect(ids).toHaveLength(3);
    // Every lease moved, each still in its own tenant and no other.
    for (const actor of who) {
      const alive = await Effect.runPromise(uow.read((s) => s.streamLeases.alive(actor.tenantId, actor.userId, new Date(ms + leaseMs - 1))));
      expect(alive).toHaveLength(1);
    }
    for (const s of streams) s.close();
    await vi.waitFor(() => expect(live.streams).toBe(0));
    const calls = renew.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(renew.mock.calls.length).toBe(calls);
  });
});
