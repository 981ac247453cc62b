import { beforeEach, describe, expect, it } from 'vitest';
import { Unauthenticated } from '../../../core/access/access.errors.ts';
import type { User } from '../../../core/access/user.ts';
import { ClaimStreamUseCase } from '../../../core/events/claim-stream.use-case.ts';
import { IssueStreamTicketUseCase, streamTicketSeconds } from '../../../core/events/issue-stream-ticket.use-case.ts';
import { RedeemStreamTicketUseCase } from '../../../core/events/redeem-stream-ticket.use-case.ts';
import { releaseStreamLease, renewStreamLeases, streamLeaseMs, streamLeaseRenewalMs } from '../../../core/events/stream-leases.ts';
import { TooManyStreams } from '../../../core/events/stream.errors.ts';
import type { Actor } from '../../../core/shared/actor.ts';
import { aUser } from '../../support/access-builders.ts';
import { accessWorld, failureOf, run, type AccessWorld } from '../access/access-world.ts';

const actorOf = (user: User): Actor => ({ userId: user.id, tenantId: user.tenantId, role: user.role });

describe('stream tickets', () => {
  let world: AccessWorld;
  let issue: IssueStreamTicketUseCase;
  let redeem: RedeemStreamTicketUseCase;
  let agent: User;
  let stranger: User;

  beforeEach(async () => {
    world = accessWorld();
    issue = new IssueStreamTicketUseCase({ uow: world.uow, clock: world.clock, tokens: world.refreshTokens });
    redeem = new RedeemStreamTicketUseCase({ uow: world.uow, clock: world.clock, tokens: world.refreshTokens });
    agent = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).build());
    stranger = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).admin().build());
  });

  it('are issued for 60 s and stored only as their hash', async () => {
    const issued = await run(issue.execute(actorOf(agent)));
    expect(issued.expiresIn).toBe(streamTicketSeconds);
    expect(streamTicketSeconds).toBe(60);
    const stored = [...world.uow.db.streamTickets.values()];
    expect(stored).toEqual([{ tokenHash: world.refreshTokens.hash(issued.ticket), tenantId: agent.tenantId, userId: agent.id, expiresAt: new Date(world.clock.now().getTime() + 60_000) }]);
    expect(JSON.stringify(stored)).not.toContain(issued.ticket);
  });

  it('redeem once to the holder as the store has them now, each tenant’s to its own user', async () => {
    const mine = await run(issue.execute(actorOf(agent)));
    const theirs = await run(issue.execute(actorOf(stranger)));
    await run(world.uow.transaction((s) => s.users.update({ ...agent, role: 'admin' })));
    expect(await run(redeem.execute(theirs.ticket))).toEqual(actorOf(stranger));
    expect(await run(redeem.execute(mine.ticket))).toEqual({ ...actorOf(agent), role: 'admin' });
    expect(await failureOf(redeem.execute(mine.ticket))).toEqual(new Unauthenticated());
  });

  it('refuse an unknown ticket, and one redeemed at or after 60 s', async () => {
    expect(await failureOf(redeem.execute('not-a-ticket'))).toEqual(new Unauthenticated());
    const { ticket } = await run(issue.execute(actorOf(agent)));
    world.clock.advance(60);
    expect(await failureOf(redeem.execute(ticket))).toEqual(new Unauthenticated());
  });

  it('refuse a ticket whose user was deactivated since', async () => {
    const { ticket } = await run(issue.execute(actorOf(agent)));
    await run(world.uow.transaction((s) => s.users.update({ ...agent, active: false })));
    expect(await failureOf(redeem.execute(ticket))).toEqual(new Unauthenticated());
  });

  it('drop expired tickets when a new one is issued', async () => {
    await run(issue.execute(actorOf(agent)));
    world.clock.advance(61);
    await run(issue.execute(actorOf(stranger)));
    expect([...world.uow.db.streamTickets.values()].map((t) => t.userId)).toEqual([stranger.id]);
  });
});

describe('ClaimStreamUseCase', () => {
  const leaseMs = 30_000;
  let world: AccessWorld;
  let claim: ClaimStreamUseCase;
  let agent: Actor;
  const leasesOf = (actor: Actor) => run(world.uow.read((s) => s.streamLeases.alive(actor.tenantId, actor.userId, world.clock.now())));

  beforeEach(async () => {
    world = accessWorld();
    claim = new ClaimStreamUseCase({ uow: world.uow, clock: world.clock, ids: world.ids, streamsPerUser: 2, leaseMs });
    agent = actorOf(await world.seedUser(aUser().inTenant((await world.seedTenant()).id).build()));
  });

  it('leases up to the per-user limit, then fails TooManyStreams with the seconds until the soonest lease runs out', async () => {
    const first = await run(claim.execute(agent));
    expect(first).toMatchObject({ tenantId: agent.tenantId, userId: agent.userId, expiresAt: new Date(world.clock.now().getTime() + leaseMs) });
    world.clock.advance(10);
    await run(claim.execute(agent));
    expect(await failureOf(claim.execute(agent))).toEqual(new TooManyStreams({ retryAfterSeconds: 20 }));
    expect(await leasesOf(agent)).toHaveLength(2);
  });

  it("counts each user in each tenant apart: another user's or another tenant's streams take no place", async () => {
    const colleague = actorOf(await world.seedUser(aUser().inTenant(agent.tenantId).build()));
    const sameIdElsewhere = { ...agent, tenantId: (await world.seedTenant()).id };
    for (const who of [agent, agent, colleague, colleague, sameIdElsewhere, sameIdElsewhere]) await run(claim.execute(who));
    for (const who of [agent, colleague, sameIdElsewhere]) expect(await failureOf(claim.execute(who))).toBeInstanceOf(TooManyStreams);
  });

  it('gives a place back when a lease is released, or runs out unrenewed; a renewal keeps it', async () => {
    const [a, b] = [await run(claim.execute(agent)), await run(claim.execute(agent))];
    await run(releaseStreamLease(world.uow, a));
    const c = await run(claim.execute(agent));
    world.clock.advance(20);
    expect(await run(renewStreamLeases(world.uow, [c.id], new Date(world.clock.now().getTime() + leaseMs)))).toBe(1);
    world.clock.advance(11);
    // b ran out (30 s) and is dropped; c was renewed.
    const d = await run(claim.execute(agent));
    expect((await leasesOf(agent)).map((l) => l.id).sort()).toEqual([c.id, d.id].sort());
    expect(world.uow.db.streamLeases.get(b.id)).toBeUndefined();
  });

  it('opens no stream on a credential that has run out, and takes no place for it', async () => {
    expect(await failureOf(claim.execute(agent, world.clock.now()))).toEqual(new Unauthenticated());
    expect(await leasesOf(agent)).toEqual([]);
    expect(await run(claim.execute(agent, new Date(world.clock.now().getTime() + 1000)))).toMatchObject({ userId: agent.userId });
  });
});

describe('stream lease timings', () => {
  it('live three heartbeats, at least 30 s, and are renewed three times per life', () => {
    expect(streamLeaseMs(10_000)).toBe(30_000);
    expect(streamLeaseMs(40)).toBe(30_000);
    expect(streamLeaseMs(15_000)).toBe(45_000);
    expect(streamLeaseRenewalMs(streamLeaseMs(10_000))).toBe(10_000);
    expect(streamLeaseRenewalMs(streamLeaseMs(15_000))).toBe(15_000);
  });
});
