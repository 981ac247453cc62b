import { describe, expect, it } from 'vitest';
import { minute, slaWorld } from '../support/sla-world.ts';

// API.md "SLA": settings, the Ticket's sla object, pause and resume, breaches, the filters. Time is the app's clock.
const world = slaWorld();
const { clock, moveTo, advance, newTicket, getTicket } = world;
const settings = (body: unknown, token = world.admin.token) => world.env.request('PATCH', '/api/settings', { token, body });
const setStatus = async (id: string, status: string) => (await world.env.request('PATCH', `/api/tickets/${id}/status`, { token: world.admin.token, body: { status } })).body;
const reply = (id: string, token = world.agent.token) => world.env.request('POST', `/api/tickets/${id}/conversations`, { token, body: { message: 'On it' } });
const listed = async (query: string) => (await world.env.request('GET', `/api/tickets?${query}&limit=100`, { token: world.agent.token })).body.data.map((t: { id: string }) => t.id);
const iso = (at: number) => new Date(at).toISOString();

const policy = { high: { first_response_minutes: 30, resolution_minutes: 240 }, low: { resolution_minutes: 600 } };
const office = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] };

describe('SLA settings', () => {
  it('default to null, take a policy and business hours, and keep them', async () => {
    expect((await world.env.request('GET', '/api/settings', { token: world.admin.token })).body).toMatchObject({ sla: null, business_hours: null });
    const changed = await settings({ sla: policy, business_hours: { timezone: 'UTC', week: { mon: [['00:00', '24:00']] } } });
    expect(changed.status).toBe(200);
    expect(changed.body.sla).toEqual({
      high: { first_response_minutes: 30, resolution_minutes: 240 },
      low: { first_response_minutes: null, resolution_minutes: 600 },
    });
    expect(changed.body.business_hours).toEqual({ timezone: 'UTC', week: { mon: [['00:00', '24:00']] } });
    expect((await world.env.request('GET', '/api/settings', { token: world.admin.token })).body).toEqual(changed.body);
    expect((await settings({ business_hours: null })).body).toMatchObject({ sla: changed.body.sla, business_hours: null, max_customers_per_agent: 2 });
  });

  it.each([
    ['an offset instead of a zone', { business_hours: { timezone: '+07:00', week: office } }, 'business_hours.timezone'],
    ['an unknown zone', { business_hours: { timezone: 'Mars/Olympus', week: office } }, 'business_hours.timezone'],
    ['overlapping windows', { business_hours: { timezone: 'Asia/Jakarta', week: { mon: [['09:00', '13:00'], ['12:00', '17:00']] } } }, 'business_hours.week.mon[1]'],
    ['no window at all', { business_hours: { timezone: 'Asia/Jakarta', week: { sat: [] } } }, 'business_hours.week'],
    ['a window ending before it starts', { business_hours: { timezone: 'UTC', week: { mon: [['17:00', '09:00']] } } }, 'business_hours.week.mon[0]'],
    ['a time that is not HH:MM', { business_hours: { timezone: 'UTC', week: { mon: [['9am', '17:00']] } } }, 'business_hours.week.mon[0]'],
    ['a first response target of 0', { sla: { high: { first_response_minutes: 0 } } }, 'sla.high.first_response_minutes'],
    ['a resolution target over 1000000', { sla: { low: { resolution_minutes: 1_000_001 } } }, 'sla.low.resolution_minutes'],
    ['a fractional target', { sla: { medium: { first_response_minutes: 1.5 } } }, 'sla.medium.first_response_minutes'],
  ])('refuse %s with 422 and change nothing', async (_name, body, path) => {
    const before = (await world.env.request('GET', '/api/settings', { token: world.admin.token })).body;
    const res = await settings(body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].path).toBe(path);
    expect((await world.env.request('GET', '/api/settings', { token: world.admin.token })).body).toEqual(before);
  });

  it('are admin only', async () => {
    expect((await settings({ sla: null }, world.agent.token)).status).toBe(403);
    expect((await world.env.request('GET', '/api/settings', { token: world.agent.token })).status).toBe(403);
  });
});

describe('the Ticket sla object', () => {
  it('is null without targets and present on every ticket response', async () => {
    expect((await newTicket('medium')).sla).toBeNull();
    const ticket = await newTicket('high');
    const created = Date.parse(ticket.created_at);
    const expected = { first_response_due_at: iso(created + 30 * minute), first_responded_at: null, resolution_due_at: iso(created + 240 * minute), resolved_at: null, breached: [] };
    expect(ticket.sla).toEqual(expected);
    expect((await getTicket(ticket.id)).sla).toEqual(expected);
    const list = await world.env.request('GET', '/api/tickets?priority=high&limit=100', { token: world.agent.token });
    expect(list.body.data.find((t: { id: string }) => t.id === ticket.id).sla).toEqual(expected);
    const assigned = await world.env.request('PATCH', `/api/tickets/${ticket.id}/assign`, { token: world.admin.token, body: { agent_id: world.agent.id } });
    expect(assigned.body.sla).toEqual(expected);
    expect((await setStatus(ticket.id, 'in_progress')).sla).toEqual(expected);
  });

  it('records the first staff message as the first response, once', async () => {
    const ticket = await newTicket('high');
    await advance(5);
    expect((await reply(ticket.id)).status).toBe(201);
    await advance(1);
    await reply(ticket.id, world.admin.token);
    expect((await getTicket(ticket.id)).sla).toMatchObject({ first_responded_at: iso(world.ms - minute), breached: [] });
  });

  it('pauses the resolution clock while resolved and moves the due time by the pause on reopening', async () => {
    const ticket = await newTicket('high');
    await advance(60);
    const resolved = await setStatus(ticket.id, 'resolved');
    expect(resolved.sla).toMatchObject({ resolution_due_at: ticket.sla.resolution_due_at, resolved_at: iso(world.ms) });
    await advance(300);
    expect((await world.env.sweepSla()).breaches).toBeGreaterThanOrEqual(1);
    // Only its first response (30 min) breached: the resolution clock was paused.
    expect((await getTicket(ticket.id)).sla.breached).toEqual(['first_response']);
    const reopened = await setStatus(ticket.id, 'in_progress');
    expect(reopened.sla).toMatchObject({ resolved_at: null, resolution_due_at: iso(Date.parse(ticket.sla.resolution_due_at) + 300 * minute) });
  });

  it('breaches a passed due time within one sweep, once, and lists it under sla=breached', async () => {
    const ticket = await newTicket('low');
    await advance(599);
    await world.env.sweepSla();
    expect((await getTicket(ticket.id)).sla.breached).toEqual([]);
    expect(await listed('sla=due_soon')).toContain(ticket.id);
    await advance(1);
    expect((await world.env.sweepSla()).breaches).toBeGreaterThanOrEqual(1);
    expect((await getTicket(ticket.id)).sla.breached).toEqual(['resolution']);
    expect(await world.env.sweepSla()).toEqual({ tenants: 0, breaches: 0 });
    expect(await listed('sla=breached')).toContain(ticket.id);
    expect(await listed('sla=due_soon')).not.toContain(ticket.id);
  });

  it('keeps a closed ticket final: nothing breaches after closing', async () => {
    const ticket = await newTicket('high');
    await setStatus(ticket.id, 'closed');
    await advance(1000);
    await world.env.sweepSla();
    expect((await getTicket(ticket.id)).sla).toMatchObject({ breached: [], resolved_at: null });
  });

  it('fixes the policy at creation: a changed policy applies to tickets created afterwards', async () => {
    const before = await newTicket('high');
    await settings({ sla: { high: { first_response_minutes: 5 } } });
    const after = await newTicket('high');
    expect((await getTicket(before.id)).sla).toEqual(before.sla);
    expect(after.sla).toMatchObject({ first_response_due_at: iso(Date.parse(after.created_at) + 5 * minute), resolution_due_at: null });
    await settings({ sla: policy });
  });

  it('validates the sla filter and never lists another tenant’s tickets', async () => {
    const res = await world.env.request('GET', '/api/tickets?sla=late', { token: world.agent.token });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('sla');
    const other = (await world.env.tenant()).admin;
    const mine = await listed('sla=breached');
    expect(mine.length).toBeGreaterThan(0);
    const theirs = await world.env.request('GET', '/api/tickets?sla=breached', { token: other.token });
    expect(theirs.body.data).toEqual([]);
  });
});

describe('business hours in Asia/Jakarta (UTC+7, no DST)', () => {
  it('a ticket resolved on Friday and reopened on Sunday counts only business time on its clocks', async () => {
    await settings({ sla: { high: { first_response_minutes: 60, resolution_minutes: 240 } }, business_hours: { timezone: 'Asia/Jakarta', week: office } });
    // The next Friday 15:00 WIB (08:00Z) at least a day ahead.
    const friday = new Date(world.ms + 86_400_000);
    friday.setUTCHours(8, 0, 0, 0);
    while (friday.getUTCDay() !== 5) friday.setUTCDate(friday.getUTCDate() + 1);
    await moveTo(friday.getTime());
    const ticket = await newTicket('high');
    const monday = friday.getTime() + 3 * 86_400_000; // Monday 15:00 WIB
    // 240 business minutes: Friday 15:00–17:00, then Monday 09:00–11:00 WIB (04:00Z).
    expect(ticket.sla).toMatchObject({ first_response_due_at: iso(friday.getTime() + 60 * minute), resolution_due_at: iso(monday - 4 * 60 * minute) });
    await advance(30);
    await reply(ticket.id);
    await advance(30); // Friday 16:00 WIB
    expect((await setStatus(ticket.id, 'resolved')).sla.resolved_at).toBe(iso(world.ms));
    await advance(44 * 60); // Sunday 12:00 WIB
    await world.env.sweepSla();
    const reopened = await setStatus(ticket.id, 'in_progress');
    // Paused Friday 16:00 → Sunday 12:00: one business hour (Friday 16–17), so the due time moves to Monday 12:00 WIB.
    expect(reopened.sla).toMatchObject({ resolved_at: null, resolution_due_at: iso(monday - 3 * 60 * minute), breached: [] });
    await moveTo(monday - 3 * 60 * minute - 1);
    await world.env.sweepSla();
    expect((await getTicket(ticket.id)).sla.breached).toEqual([]);
    await moveTo(world.ms + 1);
    await world.env.sweepSla();
    expect((await getTicket(ticket.id)).sla.breached).toEqual(['resolution']);
  });
});
