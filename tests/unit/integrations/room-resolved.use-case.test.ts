import { describe, expect, it } from 'vitest';
import { failureOf, run, useIntegrationsWorld } from './integrations-world.ts';

describe('RoomResolvedUseCase', () => {
  const world = useIntegrationsWorld();

  it("resolves the room's active ticket by room, whoever clicked resolve, and frees the agent", async () => {
    const w = world();
    await w.configure();
    w.fake.addAgent({ email: 'ana@example.com' });
    const { ticketId } = await w.roomNeedsAgent('601');
    await w.drive();
    const assignee = w.ticket(ticketId as string).assignedAgentId;
    expect(assignee).not.toBeNull();
    const result = await run(w.useCases.roomResolved.execute({ tenantId: w.tenant.id, payload: w.resolvePayload('601') }));
    expect(result.ticketId).toBe(ticketId);
    expect(w.ticket(ticketId as string)).toMatchObject({ status: 'resolved', assignedAgentId: assignee });
    expect(w.eventsOf('ticket.status_changed').at(-1)?.payload).toMatchObject({ ticketId, from: 'open', to: 'resolved' });
  });

  it('does nothing for a room it does not know or whose ticket is already over', async () => {
    const w = world();
    await w.configure();
    w.fake.addRoom({ roomId: '602' });
    expect(await run(w.useCases.roomResolved.execute({ tenantId: w.tenant.id, payload: w.resolvePayload('602') }))).toEqual({ ticketId: null });
    const { ticketId } = await w.roomNeedsAgent('603');
    // Qiscus sends the notice once the room is resolved (it has no agent: we never learnt its session).
    w.fake.state.resolveRoom(w.fake.state.rooms.get('603') as never);
    await run(w.useCases.roomResolved.execute({ tenantId: w.tenant.id, payload: w.resolvePayload('603') }));
    const events = w.events().length;
    expect(await run(w.useCases.roomResolved.execute({ tenantId: w.tenant.id, payload: w.resolvePayload('603') }))).toEqual({ ticketId: null });
    expect(w.events()).toHaveLength(events);
    expect(w.ticket(ticketId as string).status).toBe('resolved');
  });

  it('fails with InvalidPlatformNotice for a payload without the room', async () => {
    const w = world();
    await w.configure();
    expect(await failureOf(w.useCases.roomResolved.execute({ tenantId: w.tenant.id, payload: { service: {} } }))).toMatchObject({ _tag: 'InvalidPlatformNotice' });
  });
});
