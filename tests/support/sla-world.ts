import { afterAll, beforeAll } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from './http-app.ts';

export const minute = 60_000;

/** An app on a clock the test moves, with an admin, an agent and a customer of one tenant. */
export interface SlaWorld {
  env: HttpTestEnv;
  admin: Staff;
  agent: Staff;
  customerId: string;
  /** The app's time in ms since the epoch, on a whole minute at the start. */
  ms: number;
  readonly clock: { now(): Date };
  /** Moves the app's clock; tokens are verified at it, so the staff log in again. */
  moveTo(at: number): Promise<void>;
  advance(minutes: number): Promise<void>;
  /** A new unassigned ticket of the customer, as the API answers it. */
  newTicket(priority: string): Promise<any>;
  getTicket(id: string): Promise<any>;
}

/** Starts the world before the file's tests and closes it after them. */
export const slaWorld = (): SlaWorld => {
  const world = {
    ms: Math.ceil(Date.now() / minute) * minute,
    clock: { now: () => new Date(world.ms) },
    moveTo: async (at: number) => {
      world.ms = at;
      for (const s of [world.admin, world.agent]) (s as { token: string }).token = (await world.env.login(s.email, s.password)).body.access_token;
    },
    advance: (minutes: number) => world.moveTo(world.ms + minutes * minute),
    newTicket: async (priority: string) =>
      (await world.env.request('POST', '/api/tickets', { token: world.admin.token, body: { title: 'Help', customer_id: world.customerId, priority, auto_assign: false } })).body,
    getTicket: async (id: string) => (await world.env.request('GET', `/api/tickets/${id}`, { token: world.admin.token })).body,
  } as SlaWorld;
  beforeAll(async () => {
    world.env = await startHttpApp({ clock: world.clock });
    world.admin = (await world.env.tenant()).admin;
    world.agent = await world.env.staff(world.admin, 'agent');
    world.customerId = (await world.env.request('POST', '/api/customers', { token: world.admin.token, body: { name: 'Sari' } })).body.id;
  });
  afterAll(() => world.env.close());
  return world;
};
