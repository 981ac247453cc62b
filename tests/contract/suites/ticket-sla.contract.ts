import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import type { TicketSla } from '../../../core/sla/ticket-sla.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import type { TicketFilter } from '../../../core/tickets/ticket.port.ts';
import { officeHours } from '../../support/sla-builders.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 2, minutes, 0, 0));
const sla = (fields: Partial<TicketSla> = {}): TicketSla => ({
  targets: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  businessHours: null,
  firstResponseDueAt: at(30),
  resolutionDueAt: at(240),
  firstResponseBreachedAt: null,
  resolutionBreachedAt: null,
  ...fields,
});

/** The ticket fields the SLA clocks and the reports read, and the queries on them. */
export const ticketSlaContract = (makeEnv: ContractEnvFactory): void => {
  describe('TicketRepository contract: SLA and report facts', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const write = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.transaction(work));
    const read = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.read(work));
    const insert = (...tickets: Ticket[]) => write((s) => Effect.forEach(tickets, (t) => s.tickets.insert(t)));

    const newTenant = async () => {
      const tenant = aTenant().build();
      const agent = aStaffUser(tenant.id).build();
      const customer = aCustomer(tenant.id).build();
      await write((s) => Effect.all([s.tenants.insert(tenant), s.users.insert(agent), s.customers.insert(customer)]));
      return { tenantId: tenant.id, agentId: agent.id, ticket: () => aTicket(tenant.id, customer.id).createdAt(at(0)) };
    };
    const list = async (tenantId: string, filter: TicketFilter) =>
      (await read((s) => s.tickets.list(tenantId, filter, { limit: 100, after: null }))).items.map((t) => t.id);

    it('stores the SLA (business hours included), first response, resolution and assignment facts exactly', async () => {
      const w = await newTenant();
      const ticket = w
        .ticket()
        .assignedTo(w.agentId)
        .withStatus('resolved')
        .withFacts({
          sla: sla({ businessHours: officeHours('Asia/Jakarta'), firstResponseBreachedAt: at(31), resolutionDueAt: null, targets: { firstResponseMinutes: 30, resolutionMinutes: null } }),
          firstRespondedAt: at(45),
          firstResponderId: w.agentId,
          resolvedAt: at(90),
          assignedAt: at(2),
          firstAssignedAt: at(1),
          waitMs: 40 * 86_400_000 + 7,
        })
        .build();
      const plain = w.ticket().build();
      await insert(ticket, plain);
      expect(await read((s) => s.tickets.get(w.tenantId, ticket.id))).toEqual(ticket);
      expect(await read((s) => s.tickets.get(w.tenantId, plain.id))).toEqual(plain);
      const reopened: Ticket = { ...ticket, status: 'in_progress', resolvedAt: null, sla: sla({ resolutionBreachedAt: at(300) }), updatedAt: at(400) };
      await write((s) => s.tickets.update(reopened));
      expect(await read((s) => s.tickets.get(w.tenantId, ticket.id))).toEqual(reopened);
    });

    it('filters breached tickets and those due within the hour after now, in the tenant only', async () => {
      const [w, other] = [await newTenant(), await newTenant()];
      const breached = w.ticket().withFacts({ sla: sla({ firstResponseBreachedAt: at(30) }) }).build();
      const soon = w.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(100) }) }).build();
      const answered = w.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(100), resolutionDueAt: at(500) }), firstRespondedAt: at(10) }).build();
      const paused = w.ticket().withStatus('resolved').withFacts({ sla: sla({ firstResponseDueAt: null, resolutionDueAt: at(100) }), resolvedAt: at(5) }).build();
      const closed = w.ticket().withStatus('closed').withFacts({ sla: sla({ firstResponseDueAt: at(100) }) }).build();
      const none = w.ticket().build();
      await insert(breached, soon, answered, paused, closed, none, other.ticket().withFacts({ sla: sla({ firstResponseBreachedAt: at(1) }) }).build());
      expect(await list(w.tenantId, { sla: { state: 'breached', now: at(50) } })).toEqual([breached.id]);
      // At 50 the running due times are: soon 100, answered 500 (resolution), breached 240 (resolution).
      expect(await list(w.tenantId, { sla: { state: 'due_soon', now: at(50) } })).toEqual([soon.id]);
      expect(await list(w.tenantId, { sla: { state: 'due_soon', now: at(40) } })).toEqual([soon.id]);
      expect(await list(w.tenantId, { sla: { state: 'due_soon', now: at(100) } })).toEqual([]);
      expect((await list(w.tenantId, { sla: { state: 'due_soon', now: at(190) } })).sort()).toEqual([breached.id].sort());
      expect(await list(w.tenantId, { sla: { state: 'breached', now: at(50) }, status: 'closed' })).toEqual([]);
    });

    it('lists the tickets with a running target due by now, earliest first, up to the limit', async () => {
      const [w, other] = [await newTenant(), await newTenant()];
      const first = w.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(10) }) }).build();
      const second = w.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(20) }) }).build();
      const later = w.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(90) }) }).build();
      const met = w.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(5) }), firstRespondedAt: at(1) }).build();
      const breached = w.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(5), firstResponseBreachedAt: at(5) }) }).build();
      await insert(later, second, first, met, breached, other.ticket().withFacts({ sla: sla({ firstResponseDueAt: at(1) }) }).build());
      expect(await read((s) => s.tickets.slaDue(w.tenantId, at(30), 10))).toEqual([first.id, second.id]);
      expect(await read((s) => s.tickets.slaDue(w.tenantId, at(30), 1))).toEqual([first.id]);
      expect(await read((s) => s.tickets.slaDue(w.tenantId, at(9), 10))).toEqual([]);
    });
  });
};
