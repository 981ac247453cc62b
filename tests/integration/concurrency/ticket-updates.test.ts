import { Effect, Exit } from 'effect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/shared/actor.ts';
import { AssignTicketUseCase } from '../../../core/tickets/assign-ticket.use-case.ts';
import { ChangeTicketStatusUseCase } from '../../../core/tickets/change-ticket-status.use-case.ts';
import { GetTicketUseCase } from '../../../core/tickets/get-ticket.use-case.ts';
import type { Ticket, TicketStatus } from '../../../core/tickets/ticket.ts';
import { aCustomer, anAgent, aQueuedTicket, aTenant, readFrom, seed, testEnv } from '../../support/allocation-builders.ts';
import { flowStoreKinds, type FlowDatabase, type FlowStore } from '../../support/qiscus-stores.ts';
import { expectOnlyTagged, expectResultsOnChain, replay, ticketEvents } from './ticket-history.ts';

type Op = { readonly kind: 'status'; readonly to: TicketStatus } | { readonly kind: 'assign'; readonly agent: 0 | 1 | null } | { readonly kind: 'read' };

/** A fixed pseudo-random mix of status changes, (un)assignments and reads (mulberry32). */
const plan = (seed: number, length: number): Op[] => {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(next() * items.length)] as T;
  return Array.from({ length }, (): Op => {
    const r = next();
    if (r < 0.45) return { kind: 'status', to: pick(['in_progress', 'open', 'resolved'] as const) };
    if (r < 0.85) return { kind: 'assign', agent: pick([0, 1, null] as const) };
    return { kind: 'read' };
  });
};

// SQLite serializes writers; on MariaDB the calls alternate between two connection pools, as two API processes would.
describe.each(await flowStoreKinds())('50 parallel changes of one ticket on $name', (kind) => {
  let database: FlowDatabase;
  let stores: FlowStore[];
  beforeEach(async () => {
    database = await kind.open();
    stores = kind.name === 'mariadb' ? [database.store, await database.anotherProcess()] : [database.store];
  });
  afterEach(() => database?.close());

  const race = async (ops: ReadonlyArray<Op>) => {
    const tenant = aTenant().build();
    const admin = anAgent(tenant.id).admin().build();
    const agents = [anAgent(tenant.id).build(), anAgent(tenant.id).build()];
    const customer = aCustomer(tenant.id);
    const initial = aQueuedTicket(tenant.id, customer.id).build();
    await seed(database.store.uow, { tenant, users: [admin, ...agents], customers: [customer], tickets: [initial] });
    const actor: Actor = { userId: admin.id, tenantId: tenant.id, role: 'admin' };
    const env = testEnv();
    const processes = stores.map((store) => ({
      status: new ChangeTicketStatusUseCase({ uow: store.uow, ...env }),
      assign: new AssignTicketUseCase({ uow: store.uow, ...env }),
      get: new GetTicketUseCase({ uow: store.uow }),
    }));
    const call = (op: Op, i: number): Effect.Effect<Ticket, unknown> => {
      const p = processes[i % processes.length] as (typeof processes)[number];
      const ticketId = initial.id;
      if (op.kind === 'status') return p.status.execute({ ticketId, status: op.to }, actor);
      if (op.kind === 'assign') return p.assign.execute({ ticketId, agentId: op.agent === null ? null : (agents[op.agent]?.id as string) }, actor);
      return p.get.execute({ ticketId }, actor);
    };
    const exits = await Promise.all(ops.map((op, i) => Effect.runPromiseExit(call(op, i))));
    const final = (await readFrom(database.store.uow, (s) => s.tickets.get(tenant.id, initial.id))) as Ticket;
    const events = ticketEvents(await database.store.events(tenant.id), initial.id);
    return { initial, exits, final, events, ops };
  };

  const expectConsistent = ({ initial, exits, final, events, ops }: Awaited<ReturnType<typeof race>>) => {
    expectOnlyTagged(exits, ['InvalidTransition', 'TicketClosed']);
    const chain = replay(initial, events);
    const successes = exits.flatMap((exit) => (Exit.isSuccess(exit) ? [exit.value] : []));
    expectResultsOnChain(successes, chain, final);
    // No lost update: the changes the callers were told about are exactly the ones the outbox holds.
    const reported = new Set(
      exits.flatMap((exit, i) => (Exit.isSuccess(exit) && ops[i]?.kind !== 'read' ? [exit.value.updatedAt.getTime()] : [])).filter((t) => t !== initial.updatedAt.getTime()),
    );
    expect([...reported].sort()).toEqual(events.map((e) => e.occurredAt.getTime()).sort());
    return chain;
  };

  it('ends in the last committed change, which the ticket events of the outbox replay to exactly', async () => {
    const outcome = await race(plan(17, 50));
    const chain = expectConsistent(outcome);
    expect(chain.length, 'enough changes committed for the race to mean something').toBeGreaterThan(15);
    expect(outcome.final.status).not.toBe('closed');
  });

  it('after a close in the middle, every later change fails as InvalidTransition or TicketClosed and the ticket stays closed', async () => {
    const ops = plan(42, 50);
    ops.splice(25, 0, { kind: 'status', to: 'closed' });
    const outcome = await race(ops);
    const chain = expectConsistent(outcome);
    expect(outcome.final.status).toBe('closed');
    expect(outcome.events.at(-1)?.type).toBe('ticket.status_changed');
    expect(chain.filter((s) => s.status === 'closed')).toHaveLength(1);
    const refused = outcome.exits.filter(Exit.isFailure);
    expect(refused.length, 'changes after the close are refused').toBeGreaterThan(0);
  });
});
