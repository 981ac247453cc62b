import { Effect } from 'effect';
import { expect } from 'vitest';
import type { User } from '../../../core/access/user.ts';
import { isActive, type Ticket } from '../../../core/tickets/ticket.ts';
import type { FakeQiscus } from '../../support/fake-qiscus/fake-qiscus.ts';
import type { FlowStore } from '../../support/qiscus-stores.ts';

export const capacity = 2;

/** The tenant's tickets and the users mirroring the fake's agents, read through the ports at one moment. */
export interface FlowSnapshot {
  readonly tickets: ReadonlyArray<Ticket>;
  readonly userByEmail: ReadonlyMap<string, User>;
  readonly fake: FakeQiscus;
}

export const snapshotOf = (store: FlowStore, tenantId: string, fake: FakeQiscus): Promise<FlowSnapshot> =>
  Effect.runPromise(
    store.uow.read((s) =>
      Effect.gen(function* () {
        const tickets: Ticket[] = [];
        let after: string | null = null;
        do {
          const page: { items: ReadonlyArray<Ticket>; next: string | null } = yield* s.tickets.list(tenantId, {}, { limit: 100, after });
          tickets.push(...page.items);
          after = page.next;
        } while (after !== null);
        const userByEmail = new Map<string, User>();
        for (const agent of fake.state.agents) {
          const user = yield* s.users.findByEmail(tenantId, agent.email);
          if (user !== null) userByEmail.set(agent.email, user);
        }
        return { tickets, userByEmail, fake };
      }),
    ),
  );

export const roomTickets = (s: FlowSnapshot, roomId: string): Ticket[] => s.tickets.filter((t) => t.channel === 'qiscus' && t.externalRef === roomId);

export const waitingRoomIds = (s: FlowSnapshot): string[] =>
  s.tickets
    .filter((t) => t.channel === 'qiscus' && isActive(t) && t.assignedAgentId === null && t.queuedAt !== null)
    .sort((a, b) => (a.queuedAt?.getTime() ?? 0) - (b.queuedAt?.getTime() ?? 0))
    .map((t) => t.externalRef as string);

export const servedRoomIds = (s: FlowSnapshot): string[] =>
  s.tickets.filter((t) => t.channel === 'qiscus' && isActive(t) && t.assignedAgentId !== null).map((t) => t.externalRef as string);

/** Successful assign_agent calls per room. */
export const assignedOnQiscus = (fake: FakeQiscus, roomId: string): number => fake.assignCallsFor(roomId).filter((c) => c.status === 200).length;

/** What must hold at every settled point, on both sides: one agent per room, one active ticket per room, nobody over capacity. */
export const expectInvariants = (s: FlowSnapshot): void => {
  const { fake } = s;
  for (const room of fake.state.rooms.values()) {
    expect(room.agentIds.length, `agents in room ${room.roomId}`).toBeLessThanOrEqual(1);
    const active = roomTickets(s, room.roomId).filter(isActive);
    expect(active.length, `active tickets of room ${room.roomId}`).toBeLessThanOrEqual(1);
    if (!room.resolved && room.agentIds.length === 1) {
      const agent = fake.state.agent(room.agentIds[0] as number);
      expect(active[0]?.assignedAgentId, `our assignee of room ${room.roomId}`).toBe(s.userByEmail.get(agent?.email ?? '')?.id);
    }
  }
  for (const agent of fake.state.agents) expect(agent.customerCount, `Qiscus load of ${agent.email}`).toBeLessThanOrEqual(capacity);
  const ours = new Map<string, number>();
  for (const t of s.tickets) if (isActive(t) && t.assignedAgentId !== null) ours.set(t.assignedAgentId, (ours.get(t.assignedAgentId) ?? 0) + 1);
  for (const [agentId, load] of ours) expect(load, `our load of ${agentId}`).toBeLessThanOrEqual(capacity);
};
