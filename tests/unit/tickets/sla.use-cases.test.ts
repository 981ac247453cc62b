import { describe, expect, it } from 'vitest';
import { MemoryTenantDirectory } from '../../../adapters/memory/memory-tenant-directory.ts';
import type { BusinessHours } from '../../../core/sla/business-hours.ts';
import type { SlaPolicy } from '../../../core/sla/sla-policy.ts';
import { ChangeTicketStatusUseCase } from '../../../core/tickets/change-ticket-status.use-case.ts';
import { CreateTicketUseCase } from '../../../core/tickets/create-ticket.use-case.ts';
import { ListTicketsUseCase } from '../../../core/tickets/list-tickets.use-case.ts';
import { PostMessageUseCase } from '../../../core/tickets/post-message.use-case.ts';
import { SweepSlaUseCase } from '../../../core/tickets/sweep-sla.use-case.ts';
import type { TicketPriority, TicketStatus } from '../../../core/tickets/ticket.ts';
import { officeHours } from '../../support/sla-builders.ts';
import { run, ticketsWorld, type TicketsWorld } from './tickets-world.ts';

const minute = 60_000;
const policy: SlaPolicy = { high: { firstResponseMinutes: 30, resolutionMinutes: 240 }, low: { firstResponseMinutes: null, resolutionMinutes: 600 } };

const slaWorld = async (businessHours: BusinessHours | null = null, start?: Date) => {
  const w = await ticketsWorld({ sla: policy, businessHours });
  if (start !== undefined) w.clock.advance(start.getTime() - w.clock.now().getTime());
  const create = (priority: TicketPriority = 'high') =>
    run(new CreateTicketUseCase(w.deps).execute({ title: 'Help', customerId: w.customer.id, priority, autoAssign: false }, w.asAdmin));
  const status = (ticketId: string, to: TicketStatus) => run(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId, status: to }, w.asAdmin));
  const reply = (ticketId: string) => run(new PostMessageUseCase(w.deps).execute({ ticketId, message: 'On it' }, w.asAgent));
  const sweep = () => run(new SweepSlaUseCase({ ...w.deps, directory: new MemoryTenantDirectory(w.uow.db) }).execute());
  const breaches = () => w.eventsOf('sla.breached').map((e) => e.payload);
  const list = (sla: 'breached' | 'due_soon') =>
    run(new ListTicketsUseCase(w.deps).execute({ filter: { sla }, page: { limit: 100, after: null } }, w.asAgent)).then((p) => p.items.map((t) => t.id));
  return { ...w, create, status, reply, sweep, breaches, list };
};

const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe('SLA on tickets', () => {
  it('fixes the policy at creation: due times from created_at; a priority without targets has no SLA', async () => {
    const w = await slaWorld();
    const high = await w.create('high');
    expect(high.sla).toMatchObject({
      firstResponseDueAt: plus(high.createdAt, 30 * minute),
      resolutionDueAt: plus(high.createdAt, 240 * minute),
      firstResponseBreachedAt: null,
      resolutionBreachedAt: null,
    });
    expect((await w.create('low')).sla).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: plus(high.createdAt, 600 * minute) });
    expect((await w.create('medium')).sla).toBeNull();
  });

  it('the first staff message is the first response; later ones change nothing', async () => {
    const w = await slaWorld();
    const ticket = await w.create();
    w.clock.advance(5 * minute);
    await w.reply(ticket.id);
    const answeredAt = w.clock.now();
    w.clock.advance(5 * minute);
    await w.reply(ticket.id);
    expect(await w.storedTicket(ticket.id)).toMatchObject({ firstRespondedAt: answeredAt, firstResponderId: w.agent.id });
    w.clock.advance(60 * minute);
    expect((await w.sweep()).breaches).toBe(0);
    expect(w.breaches()).toEqual([]);
  });

  it('the sweep records a passed due time once and announces it once', async () => {
    const w = await slaWorld();
    const ticket = await w.create();
    w.clock.advance(30 * minute - 1);
    expect((await w.sweep()).breaches).toBe(0);
    w.clock.advance(1);
    expect((await w.sweep()).breaches).toBe(1);
    expect(await w.sweep()).toEqual({ tenants: 0, breaches: 0 });
    expect(w.breaches()).toEqual([{ ticketId: ticket.id, target: 'first_response' }]);
    expect((await w.storedTicket(ticket.id))?.sla?.firstResponseBreachedAt).toEqual(w.clock.now());
    expect(await w.list('breached')).toEqual([ticket.id]);
  });

  it('a late first response or resolution breaches at that moment, announced with the change', async () => {
    const w = await slaWorld();
    const ticket = await w.create();
    w.clock.advance(31 * minute);
    await w.reply(ticket.id);
    expect(w.breaches()).toEqual([{ ticketId: ticket.id, target: 'first_response' }]);
    w.clock.advance(210 * minute);
    await w.status(ticket.id, 'resolved');
    expect(w.breaches()).toEqual([
      { ticketId: ticket.id, target: 'first_response' },
      { ticketId: ticket.id, target: 'resolution' },
    ]);
    expect((await w.sweep()).breaches).toBe(0);
  });

  it('resolving pauses the resolution clock; reopening moves the due time by the pause', async () => {
    const w = await slaWorld();
    const ticket = await w.create();
    await w.reply(ticket.id);
    w.clock.advance(60 * minute);
    const resolved = await w.status(ticket.id, 'resolved');
    expect(resolved.resolvedAt).toEqual(w.clock.now());
    expect(resolved.sla?.resolutionDueAt).toEqual(ticket.sla?.resolutionDueAt);
    w.clock.advance(600 * minute);
    expect((await w.sweep()).breaches).toBe(0);
    const reopened = await w.status(ticket.id, 'in_progress');
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.sla?.resolutionDueAt).toEqual(plus(ticket.sla!.resolutionDueAt!, 600 * minute));
    w.clock.advance(180 * minute - 1);
    expect((await w.sweep()).breaches).toBe(0);
    w.clock.advance(1);
    expect(await w.sweep()).toEqual({ tenants: 1, breaches: 1 });
    expect(w.breaches()).toEqual([{ ticketId: ticket.id, target: 'resolution' }]);
  });

  it('a closed ticket never breaches afterwards', async () => {
    const w = await slaWorld();
    const ticket = await w.create();
    await w.status(ticket.id, 'closed');
    w.clock.advance(10_000 * minute);
    expect((await w.sweep()).breaches).toBe(0);
    expect((await w.storedTicket(ticket.id))?.sla).toMatchObject({ firstResponseBreachedAt: null, resolutionBreachedAt: null });
  });

  it('due_soon lists running targets due within the next hour, not breached or met ones', async () => {
    const w = await slaWorld();
    const soon = await w.create('high');
    const later = await w.create('low');
    expect(await w.list('due_soon')).toEqual([soon.id]);
    await w.reply(soon.id);
    expect(await w.list('due_soon')).toEqual([]);
    w.clock.advance(541 * minute);
    expect(await w.list('due_soon')).toEqual([later.id]);
    w.clock.advance(60 * minute);
    await w.sweep();
    expect(await w.list('due_soon')).toEqual([]);
    expect((await w.list('breached')).sort()).toEqual([soon.id, later.id].sort());
  });

  it('Asia/Jakarta business hours: resolved on Friday and reopened on Sunday, the clock counts only the Friday hour', async () => {
    // Friday 2026-11-27 15:00 WIB (08:00Z); 240 business minutes: Fri 15–17, then Mon 09–11.
    const w = await slaWorld(officeHours('Asia/Jakarta'), new Date('2026-11-27T08:00:00.000Z'));
    const ticket = await w.create();
    expect(ticket.sla?.firstResponseDueAt).toEqual(new Date('2026-11-27T08:30:00.000Z'));
    expect(ticket.sla?.resolutionDueAt).toEqual(new Date('2026-11-30T04:00:00.000Z'));
    w.clock.advance(60 * minute); // Fri 16:00 WIB
    await w.status(ticket.id, 'resolved');
    w.clock.advance(44 * 60 * minute); // Sun 12:00 WIB
    const reopened = await w.status(ticket.id, 'in_progress');
    // Paused Fri 16:00 → Sun 12:00 holds one business hour (Fri 16–17): due Mon 12:00 WIB.
    expect(reopened.sla?.resolutionDueAt).toEqual(new Date('2026-11-30T05:00:00.000Z'));
    w.clock.advance(Date.parse('2026-11-30T05:00:00.000Z') - w.clock.now().getTime() - 1);
    await w.sweep();
    expect(w.breaches()).toEqual([{ ticketId: ticket.id, target: 'first_response' }]);
    w.clock.advance(1);
    await w.sweep();
    expect(w.breaches().map((b) => b.target)).toEqual(['first_response', 'resolution']);
  });

  it('a policy changed later applies only to tickets created afterwards', async () => {
    const w = await slaWorld();
    const before = await w.create();
    const { UpdateSettingsUseCase } = await import('../../../core/tenancy/update-settings.use-case.ts');
    await run(new UpdateSettingsUseCase(w.deps).execute({ sla: { high: { firstResponseMinutes: 5, resolutionMinutes: null } } }, w.asAdmin));
    const after = await w.create();
    expect((await w.storedTicket(before.id))?.sla?.firstResponseDueAt).toEqual(plus(before.createdAt, 30 * minute));
    expect(after.sla).toMatchObject({ firstResponseDueAt: plus(after.createdAt, 5 * minute), resolutionDueAt: null });
  });
});

export type SlaWorld = Awaited<ReturnType<typeof slaWorld>> & TicketsWorld;
