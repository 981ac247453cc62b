import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import type { ChatPlatform } from '../../../core/allocation/chat-platform.port.ts';
import { isActive } from '../../../core/tickets/ticket.ts';
import { run, useIntegrationsWorld, type IntegrationsWorld } from './integrations-world.ts';

/** Qiscus applies an assign at once; its answer reaches us only when the test lets it (fresh for every world). */
const heldAssignAnswers = () => {
  const held = { applied: Promise.resolve(), release: () => undefined as void, wrap: (qiscus: ChatPlatform): ChatPlatform => qiscus };
  held.wrap = (qiscus) => {
    let release: () => void = () => undefined;
    const answer = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    held.applied = new Promise<void>((resolve) => (arrived = resolve));
    held.release = () => release();
    return {
      name: qiscus.name,
      channel: qiscus.channel,
      eligibleAgents: (...args) => qiscus.eligibleAgents(...args),
      assignAgent: (...args) => qiscus.assignAgent(...args).pipe(Effect.tap(() => Effect.promise(() => (arrived(), answer)))),
      resolveRoom: (...args) => qiscus.resolveRoom(...args),
      room: (...args) => qiscus.room(...args),
      waitingRooms: (...args) => qiscus.waitingRooms(...args),
      registerResolveWebhook: (...args) => qiscus.registerResolveWebhook(...args),
    };
  };
  return held;
};

const sessions = useIntegrationsWorld();
const held = heldAssignAnswers();
const heldWorld = useIntegrationsWorld({ wrapPlatform: (qiscus) => held.wrap(qiscus) });

const resolved = (w: IntegrationsWorld, payload: unknown) => run(w.useCases.roomResolved.execute({ tenantId: w.tenant.id, payload }));
const settleAndSweep = async (w: IntegrationsWorld) => {
  await w.drive();
  await run(w.useCases.sweep.execute());
  await w.drive();
};
/** Qiscus set up with one agent; the room as the fake holds it (created by its first allocation webhook). */
const withAgent = async (w: IntegrationsWorld) => {
  await w.configure();
  w.fake.addAgent();
};
const fakeRoom = (w: IntegrationsWorld, roomId: string) => {
  const room = w.fake.state.rooms.get(roomId);
  if (room === undefined) throw new Error(`no room ${roomId}`);
  return room;
};

/** The room's one active ticket, served here by the agent Qiscus has in the room's current session. */
const expectServedTogether = (w: IntegrationsWorld, roomId: string) => {
  const room = w.fake.state.rooms.get(roomId);
  const active = w.roomTickets(roomId).filter(isActive);
  expect(active).toHaveLength(1);
  const assignee = active[0]?.assignedAgentId ?? null;
  const onQiscus = (room?.agentIds ?? []).map((id) => w.user(assignee ?? '')?.email === w.fake.state.agent(id)?.email);
  expect({ resolved: room?.resolved, servedHere: assignee !== null, sameAgentOnQiscus: onQiscus }).toEqual({ resolved: false, servedHere: true, sameAgentOnQiscus: [true] });
};

describe('a room session after session: one ticket each, never ended by an earlier session', () => {
  it.each(['before', 'after'] as const)(
    'a late resolve notice of the previous session, delivered twice %s the new ticket is allocated, leaves it alone',
    async (when) => {
      const w = sessions();
      await withAgent(w);
      const roomId = '7101';
      const first = await w.roomNeedsAgent(roomId);
      // Resolved in the dashboard while our assign was on its way; the notice is held up.
      const room = fakeRoom(w, roomId);
      w.fake.state.resolveRoom(room);
      const lateNotice = w.resolvePayload(roomId);
      await w.drive();
      expect(w.ticket(first.ticketId as string).status).toBe('resolved');
      w.fake.state.newSession(room);
      const second = await w.roomNeedsAgent(roomId);
      expect(second.outcome).toBe('created');
      if (when === 'after') await w.drive();
      expect(await resolved(w, lateNotice)).toEqual({ ticketId: null });
      expect(await resolved(w, lateNotice)).toEqual({ ticketId: null });
      await settleAndSweep(w);
      expect(w.roomTickets(roomId).map((t) => t.id).sort()).toEqual([first.ticketId, second.ticketId].sort());
      expectServedTogether(w, roomId);
    },
  );

  it('a late copy of the allocation webhook of a session already resolved opens no ticket; the next session gets one', async () => {
    const w = sessions();
    await withAgent(w);
    const roomId = '7301';
    const caa = w.caa(roomId);
    const first = await run(w.useCases.roomNeedsAgent.execute({ tenantId: w.tenant.id, payload: caa }));
    await w.drive();
    const room = fakeRoom(w, roomId);
    w.fake.state.resolveRoom(room);
    expect(await resolved(w, w.resolvePayload(roomId))).toEqual({ ticketId: first.ticketId });
    expect(await run(w.useCases.roomNeedsAgent.execute({ tenantId: w.tenant.id, payload: caa }))).toEqual({ outcome: 'ignored', ticketId: null });
    await settleAndSweep(w);
    expect(w.roomTickets(roomId)).toHaveLength(1);
    w.fake.state.newSession(room);
    expect((await w.roomNeedsAgent(roomId)).outcome).toBe('created');
    await settleAndSweep(w);
    expect(w.roomTickets(roomId)).toHaveLength(2);
    expectServedTogether(w, roomId);
  });

  it.each(['asked again', 'writing'] as const)(
    "an assign answered after its session was resolved and the customer is %s neither takes nor ends the new session's ticket",
    async (step) => {
      const w = heldWorld();
      await withAgent(w);
      const roomId = '7201';
      const first = await w.roomNeedsAgent(roomId);
      const driving = w.drive();
      await held.applied;
      const room = fakeRoom(w, roomId);
      expect(room.agentIds).toHaveLength(1);
      w.fake.state.resolveRoom(room);
      expect(await resolved(w, w.resolvePayload(roomId))).toEqual({ ticketId: first.ticketId });
      // The customer writes again: a new session on Qiscus, whose allocation webhook is here already or still on its way.
      w.fake.state.newSession(room);
      const second = step === 'asked again' ? await w.roomNeedsAgent(roomId) : null;
      held.release();
      await driving;
      const late = second ?? (await w.roomNeedsAgent(roomId));
      expect(late.outcome).toBe('created');
      await settleAndSweep(w);
      expect(w.roomTickets(roomId)).toHaveLength(2);
      expectServedTogether(w, roomId);
    },
  );
});
