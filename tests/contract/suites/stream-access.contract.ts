import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamLease, StreamTicket } from '../../../core/events/stream-access.port.ts';
import { accessEpoch, newId } from '../../support/access-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const later = (ms: number) => new Date(accessEpoch.getTime() + ms);
const aStreamTicket = (over: Partial<StreamTicket> = {}): StreamTicket => ({ tokenHash: `hash-${newId()}`, tenantId: newId(), userId: newId(), expiresAt: later(60_000), ...over });
const aLease = (over: Partial<StreamLease> = {}): StreamLease => ({ id: newId(), tenantId: newId(), userId: newId(), expiresAt: later(30_000), ...over });
const byId = (leases: ReadonlyArray<StreamLease>) => [...leases].sort((a, b) => (a.id < b.id ? -1 : 1));

export const streamAccessContract = (makeEnv: ContractEnvFactory): void => {
  describe('stream access', () => {
    let env: ContractEnv;
    const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect);
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    describe('StreamTicketRepository contract', () => {
      const insert = (ticket: StreamTicket) => run(env.uow.transaction((s) => s.streamTickets.insert(ticket)));
      const consume = (tokenHash: string, at = later(1000)) => run(env.uow.transaction((s) => s.streamTickets.consume(tokenHash, at)));

      it('gives the holder of an unspent ticket once, then null', async () => {
        const ticket = aStreamTicket();
        await insert(ticket);
        expect(await consume(ticket.tokenHash)).toEqual({ tenantId: ticket.tenantId, userId: ticket.userId });
        expect(await consume(ticket.tokenHash)).toBeNull();
        expect(await consume(`unknown-${newId()}`)).toBeNull();
      });

      it('gives each tenant’s ticket to its own holder, even for the same user id', async () => {
        const userId = newId();
        const mine = aStreamTicket({ userId });
        const theirs = aStreamTicket({ userId });
        await insert(mine);
        await insert(theirs);
        expect(await consume(theirs.tokenHash)).toEqual({ tenantId: theirs.tenantId, userId });
        expect(await consume(mine.tokenHash)).toEqual({ tenantId: mine.tenantId, userId });
      });

      it('refuses a ticket at or after its expiry; just before it, it still redeems', async () => {
        const ticket = aStreamTicket({ expiresAt: later(60_000) });
        await insert(ticket);
        expect(await consume(ticket.tokenHash, later(60_000))).toBeNull();
        expect(await consume(ticket.tokenHash, later(59_999))).toEqual({ tenantId: ticket.tenantId, userId: ticket.userId });
        const old = aStreamTicket({ expiresAt: later(10) });
        await insert(old);
        expect(await consume(old.tokenHash, later(5000))).toBeNull();
      });

      it('lets exactly one of many concurrent redemptions win', async () => {
        const ticket = aStreamTicket();
        await insert(ticket);
        const results = await Promise.all(Array.from({ length: 10 }, () => consume(ticket.tokenHash)));
        expect(results.filter((r) => r !== null)).toEqual([{ tenantId: ticket.tenantId, userId: ticket.userId }]);
      });

      it('drops the tickets that expired before the given time, of every tenant, and keeps the rest', async () => {
        const gone = [aStreamTicket({ expiresAt: later(100) }), aStreamTicket({ expiresAt: later(200) })];
        const kept = aStreamTicket({ expiresAt: later(300) });
        for (const t of [...gone, kept]) await insert(t);
        await run(env.uow.transaction((s) => s.streamTickets.dropExpired(later(300))));
        // Consumed at a time before any of them expired: only a dropped row can answer null.
        for (const t of gone) expect(await consume(t.tokenHash, later(50))).toBeNull();
        expect(await consume(kept.tokenHash, later(50))).toEqual({ tenantId: kept.tenantId, userId: kept.userId });
      });
    });

    describe('StreamLeaseRepository contract', () => {
      const insert = (lease: StreamLease) => run(env.uow.transaction((s) => s.streamLeases.insert(lease)));
      const alive = (lease: Pick<StreamLease, 'tenantId' | 'userId'>, at = later(0)) => run(env.uow.read((s) => s.streamLeases.alive(lease.tenantId, lease.userId, at)));
      const renew = (ids: ReadonlyArray<string>, expiresAt: Date) => run(env.uow.transaction((s) => s.streamLeases.renew(ids, expiresAt)));

      it("lists a user's leases alive at a time (at their expiry included), not another user's or another tenant's", async () => {
        const first = aLease({ expiresAt: later(30_000) });
        const second = aLease({ tenantId: first.tenantId, userId: first.userId, expiresAt: later(40_000) });
        const colleague = aLease({ tenantId: first.tenantId });
        const sameIdElsewhere = aLease({ userId: first.userId });
        for (const l of [first, second, colleague, sameIdElsewhere]) await insert(l);
        expect(byId(await alive(first))).toEqual(byId([first, second]));
        expect(await alive(first, later(30_000))).toHaveLength(2);
        expect(await alive(first, later(30_001))).toEqual([second]);
        expect(await alive(first, later(40_001))).toEqual([]);
        expect(await alive(colleague)).toEqual([colleague]);
        expect(await alive(sameIdElsewhere)).toEqual([sameIdElsewhere]);
      });

      it('releases a lease only in its own tenant', async () => {
        const lease = aLease();
        await insert(lease);
        await run(env.uow.transaction((s) => s.streamLeases.release(newId(), lease.id)));
        expect(await alive(lease)).toEqual([lease]);
        await run(env.uow.transaction((s) => s.streamLeases.release(lease.tenantId, lease.id)));
        expect(await alive(lease)).toEqual([]);
      });

      it("drops only the user's leases that expired before the time", async () => {
        const old = aLease({ expiresAt: later(100) });
        const current = aLease({ tenantId: old.tenantId, userId: old.userId, expiresAt: later(500) });
        const othersOld = aLease({ tenantId: old.tenantId, expiresAt: later(100) });
        for (const l of [old, current, othersOld]) await insert(l);
        await run(env.uow.transaction((s) => s.streamLeases.dropExpired(old.tenantId, old.userId, later(200))));
        // Renewal touches only rows still there: the dropped lease is gone, the others are not.
        expect(await renew([old.id, current.id, othersOld.id], later(900))).toBe(2);
        expect(await alive(old, later(800))).toEqual([{ ...current, expiresAt: later(900) }]);
        expect(await alive(othersOld, later(800))).toEqual([{ ...othersOld, expiresAt: later(900) }]);
      });

      it("renews many leases of several tenants at once and counts those still there; others' leases keep their expiry", async () => {
        const held = [aLease(), aLease(), aLease()];
        const released = aLease();
        const untouched = aLease({ tenantId: held[0]!.tenantId, userId: held[0]!.userId, expiresAt: later(30_000) });
        for (const l of [...held, released, untouched]) await insert(l);
        await run(env.uow.transaction((s) => s.streamLeases.release(released.tenantId, released.id)));
        expect(await renew([...held.map((l) => l.id), released.id, newId()], later(90_000))).toBe(3);
        for (const l of held) expect((await alive(l, later(60_000))).map((a) => a.id)).toEqual([l.id]);
        expect(byId(await alive(untouched))).toEqual(byId([{ ...held[0]!, expiresAt: later(90_000) }, untouched]));
        // The same expiry again still counts every lease (matched rows, not changed ones); an empty or duplicated list is fine.
        expect(await renew([held[1]!.id, held[1]!.id, held[2]!.id], later(90_000))).toBe(2);
        expect(await renew([], later(90_000))).toBe(0);
      });

      it('renews more leases than fit one statement', async () => {
        const tenantId = newId();
        const userId = newId();
        const many = Array.from({ length: 1203 }, () => aLease({ tenantId, userId, expiresAt: later(1000) }));
        await run(env.uow.transaction((s) => Effect.forEach(many, (l) => s.streamLeases.insert(l), { discard: true })));
        expect(await renew(many.map((l) => l.id), later(5000))).toBe(1203);
        expect(await alive({ tenantId, userId }, later(4000))).toHaveLength(1203);
      });
    });
  });
};
