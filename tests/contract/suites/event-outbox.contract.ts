import { Effect } from 'effect';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEvent, type DomainEvent } from '../../../core/shared/events.ts';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import { aTenant } from '../../support/ticket-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

/** One event of every type, as the use cases build them. */
const everyEventType = (tenantId: string): DomainEvent[] => {
  const meta = () => ({ id: v7(), tenantId, occurredAt: new Date('2026-11-21T08:00:00.123Z') });
  const decision = { candidates: [{ agentId: v7(), load: 1, capacity: 2 }], considered: 1, reason: 'least_loaded' as const };
  const ticketId = v7();
  return [
    domainEvent('ticket.created', meta(), { ticketId, channel: 'qiscus', priority: 'high', autoAssign: true }),
    domainEvent('ticket.assigned', meta(), { ticketId, agentId: v7(), previousAgentId: null, by: 'allocator', decision }),
    domainEvent('ticket.assigned', meta(), { ticketId, agentId: v7(), previousAgentId: v7(), by: 'staff', decision: null }),
    domainEvent('ticket.unassigned', meta(), { ticketId, previousAgentId: v7() }),
    domainEvent('ticket.status_changed', meta(), { ticketId, from: 'open', to: 'resolved', agentId: null }),
    domainEvent('message.created', meta(), { ticketId, messageId: v7(), senderType: 'customer' }),
    domainEvent('allocation.queued', meta(), { ticketId, decision: { candidates: [], considered: 0, reason: 'no_agent_online' } }),
    domainEvent('agent.availability_changed', meta(), { agentId: v7(), availability: 'online' }),
    domainEvent('agent.capacity_changed', meta(), { agentId: v7(), active: false, maxCustomers: null }),
    domainEvent('settings.changed', meta(), { maxCustomersPerAgent: 3, autoAssign: false }),
  ];
};

// The writer's side only: what the relay reads back is the OutboxFeed contract.
export const eventOutboxContract = (makeEnv: ContractEnvFactory): void => {
  describe('EventOutbox contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const write = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.transaction(work));
    const newTenant = async (): Promise<string> => {
      const tenant = aTenant().build();
      await write((s) => s.tenants.insert(tenant));
      return tenant.id;
    };

    it('accepts one event of every type in one append', async () => {
      const tenantId = await newTenant();
      await expect(write((s) => s.outbox.append(everyEventType(tenantId)))).resolves.toBeUndefined();
    });

    it('accepts an empty append and several appends in one unit of work', async () => {
      const tenantId = await newTenant();
      const result = await write((s) =>
        Effect.gen(function* () {
          yield* s.outbox.append([]);
          yield* s.outbox.append(everyEventType(tenantId).slice(0, 3));
          yield* s.outbox.append(everyEventType(tenantId).slice(3));
          return 'committed' as const;
        }),
      );
      expect(result).toBe('committed');
    });

    it('appends alongside the change it describes, and a failing unit of work takes both back', async () => {
      const tenantId = await newTenant();
      const renamed = { ...aTenant().build(), id: tenantId, name: 'Renamed 🏷️' };
      const failed = await Effect.runPromise(
        Effect.flip(
          env.uow.transaction((s) =>
            Effect.gen(function* () {
              yield* s.tenants.update(renamed);
              yield* s.outbox.append(everyEventType(tenantId));
              return yield* Effect.fail('boom' as const);
            }),
          ),
        ),
      );
      expect(failed).toBe('boom');
      expect((await Effect.runPromise(env.uow.read((s) => s.tenants.get(tenantId))))?.name).not.toBe('Renamed 🏷️');
    });

    it('appends many events at once', async () => {
      const tenantId = await newTenant();
      const many = Array.from({ length: 20 }, () => everyEventType(tenantId)).flat();
      await expect(write((s) => s.outbox.append(many))).resolves.toBeUndefined();
    });
  });
};
