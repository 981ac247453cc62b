import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { domainEvent } from '../../../core/shared/events.ts';
import { aCustomer, aQueuedTicket, seed } from '../../support/allocation-builders.ts';
import { failureOf, run, useIntegrationsWorld } from './integrations-world.ts';

const resolveCalls = (w: ReturnType<ReturnType<typeof useIntegrationsWorld>>, roomId: string) =>
  w.fake.callsTo('/api/v1/admin/service/mark_as_resolved').filter((c) => String(c.body['room_id']) === roomId);

describe('ResolveRoomOnPlatformHandler', () => {
  const world = useIntegrationsWorld();

  it('resolves the room on Qiscus when its ticket is resolved or closed through the API', async () => {
    const w = world();
    await w.configure();
    w.fake.addAgent();
    const { ticketId } = await w.roomNeedsAgent('801');
    await w.drive();
    await run(w.useCases.changeStatus.execute({ ticketId: ticketId as string, status: 'closed' }, w.admin));
    await w.drive();
    expect(resolveCalls(w, '801')).toHaveLength(1);
    expect(w.fake.state.rooms.get('801')?.resolved).toBe(true);
  });

  it('succeeds again for a room already resolved (idempotent), and ignores non-room tickets', async () => {
    const w = world();
    await w.configure();
    const [handler] = w.handlers.filter((h) => h.name === 'integrations.resolve-room');
    const { ticketId } = await w.roomNeedsAgent('802');
    await run(w.useCases.changeStatus.execute({ ticketId: ticketId as string, status: 'resolved' }, w.admin));
    const event = w.eventsOf('ticket.status_changed')[0];
    if (!handler || !event) throw new Error('missing handler or event');
    await run(handler.handle(event));
    await run(handler.handle(event));
    expect(w.fake.state.rooms.get('802')?.resolved).toBe(true);
    const customer = aCustomer(w.tenant.id);
    const apiTicket = aQueuedTicket(w.tenant.id, customer.id).withStatus('closed').build();
    await seed(w.uow, { customers: [customer], tickets: [apiTicket] });
    const calls = w.fake.calls.length;
    const apiEvent = domainEvent('ticket.status_changed', { id: 'e1', tenantId: w.tenant.id, occurredAt: new Date() }, { ticketId: apiTicket.id, from: 'open', to: 'closed', agentId: null });
    await run(handler.handle(apiEvent));
    expect(w.fake.calls.length).toBe(calls);
    expect(handler.handles({ ...apiEvent, payload: { ...apiEvent.payload, from: 'resolved' } })).toBe(false);
  });

  it('leaves a room alone once it has a newer active ticket (a new session)', async () => {
    const w = world();
    await w.configure();
    const [handler] = w.handlers.filter((h) => h.name === 'integrations.resolve-room');
    const first = await w.roomNeedsAgent('803');
    await run(w.useCases.changeStatus.execute({ ticketId: first.ticketId as string, status: 'resolved' }, w.admin));
    await w.roomNeedsAgent('803');
    const event = w.eventsOf('ticket.status_changed')[0];
    if (!handler || !event) throw new Error('missing handler or event');
    await run(handler.handle(event));
    expect(resolveCalls(w, '803')).toHaveLength(0);
  });

  it('fails retryably while Qiscus does not answer', async () => {
    const w = world();
    await w.configure({ baseUrl: 'http://127.0.0.1:9' });
    const [handler] = w.handlers.filter((h) => h.name === 'integrations.resolve-room');
    const { ticketId } = await w.roomNeedsAgent('804');
    await run(w.useCases.changeStatus.execute({ ticketId: ticketId as string, status: 'resolved' }, w.admin));
    const event = w.eventsOf('ticket.status_changed')[0];
    if (!handler || !event) throw new Error('missing handler or event');
    expect(await failureOf(handler.handle(event) as Effect.Effect<void, unknown>)).toMatchObject({ _tag: 'RetryableJobFailure' });
  });
});
