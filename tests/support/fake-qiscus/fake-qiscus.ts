import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { route, type FakeCredentials, type RouteRequest } from './fake-qiscus-routes.ts';
import { FakeQiscusState, type FakeAgent, type FakeRoom, type RecordedCall } from './fake-qiscus-state.ts';
import { caaWebhookPayload, deliverWebhook, resolveWebhookPayload } from './fake-qiscus-webhooks.ts';

const defaults: FakeCredentials = {
  appCode: 'fake-app-code',
  secretKey: 'fake-secret-key-0123456789',
  adminEmail: 'admin@example.com',
  adminPassword: 'admin-password-123',
};

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return {};
  const type = header(req, 'content-type') ?? '';
  if (type.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  return Object.fromEntries([...form.entries()].map(([key, value]) => [key, typeof value === 'string' ? value : value.name]));
};

/** A fake Qiscus Multichannel app on an ephemeral port, with switches for the faults Qiscus shows. */
export class FakeQiscus {
  readonly state = new FakeQiscusState();
  readonly credentials: FakeCredentials;
  readonly #server: Server;
  readonly #deliveries = new Set<Promise<unknown>>();
  #baseUrl = '';
  #latencyMs = 0;

  private constructor(credentials: FakeCredentials) {
    this.credentials = credentials;
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(credentials: Partial<FakeCredentials> = {}): Promise<FakeQiscus> {
    const fake = new FakeQiscus({ ...defaults, ...credentials });
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#baseUrl = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  get baseUrl(): string {
    return this.#baseUrl;
  }

  get calls(): ReadonlyArray<RecordedCall> {
    return this.state.calls;
  }

  callsTo(path: string): RecordedCall[] {
    return this.state.calls.filter((call) => call.path === path);
  }

  assignCallsFor(roomId: string): RecordedCall[] {
    return this.callsTo('/api/v1/admin/service/assign_agent').filter((call) => String(call.body['room_id']) === roomId);
  }

  addAgent(agent?: Parameters<FakeQiscusState['addAgent']>[0]): FakeAgent {
    return this.state.addAgent(agent);
  }

  addRoom(room?: Parameters<FakeQiscusState['addRoom']>[0]): FakeRoom {
    return this.state.addRoom(room);
  }

  /** The next `count` assign calls answer `fault` (a status or no answer); `applied` assigns anyway first. */
  failNextAssigns(count: number, fault: number | 'timeout', options: { readonly applied?: boolean } = {}): void {
    for (let i = 0; i < count; i++) {
      this.state.assignFaults.push({
        fault: fault === 'timeout' ? { kind: 'timeout' } : { kind: 'status', status: fault },
        applied: options.applied ?? false,
      });
    }
  }

  /** After an assignment, `available_agents` keeps reporting the agent's old count for `listings` calls. */
  lagCustomerCount(listings: number): void {
    this.state.lagListings = listings;
  }

  /** Every API call is answered this much later (Qiscus's own latency). */
  latency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** Every webhook the fake sends is delivered twice, at once. */
  duplicateWebhooks(on = true): void {
    this.state.duplicateWebhooks = on;
  }

  /** Makes every admin token issued so far invalid (401 on next use). */
  revokeAdminTokens(): void {
    this.state.adminTokens.clear();
  }

  /** The CAA webhook URL, as set in the Qiscus dashboard. */
  configureAllocationWebhook(url: string | null): void {
    this.state.allocationWebhookUrl = url;
  }

  /** A customer writes in the room (created if new): Qiscus posts the CAA webhook while nobody serves it. */
  async customerWrites(roomId: string): Promise<number[]> {
    const room = this.state.rooms.get(roomId) ?? this.state.addRoom({ roomId });
    if (room.resolved) this.state.newSession(room);
    const url = this.state.allocationWebhookUrl;
    if (url === null || !this.state.isWaiting(room)) return [];
    const payload = caaWebhookPayload({ appCode: this.credentials.appCode, roomId, customer: room.customer, channelId: room.channelId });
    return this.#track(deliverWebhook(url, payload, this.state.duplicateWebhooks ? 2 : 1));
  }

  /** Someone resolves the room in the dashboard (by default one of its agents). */
  resolveFromDashboard(roomId: string, by?: FakeAgent): void {
    const room = this.state.rooms.get(roomId);
    if (!room || room.resolved) throw new Error(`room ${roomId} is not open`);
    const agent = by ?? this.state.agent(room.agentIds[0] ?? -1);
    this.state.resolveRoom(room);
    const resolver = agent ? { id: agent.id, email: agent.email, name: agent.name, type: 'agent' } : { id: 1, email: this.credentials.adminEmail, name: 'Admin', type: 'admin' };
    this.#announceResolved(room, resolver, '');
  }

  /** Waits for every webhook the fake has sent so far to be answered. */
  async settled(): Promise<void> {
    while (this.#deliveries.size > 0) await Promise.allSettled([...this.#deliveries]);
  }

  async close(): Promise<void> {
    await this.settled();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #track<T>(delivery: Promise<T>): Promise<T> {
    this.#deliveries.add(delivery);
    void delivery.finally(() => this.#deliveries.delete(delivery));
    return delivery;
  }

  #announceResolved(room: FakeRoom, by: { id: number; email: string; name: string; type: string }, notes: string): void {
    const { url, enabled } = this.state.resolveWebhook;
    if (url === null || !enabled) return;
    const payload = resolveWebhookPayload({
      appCode: this.credentials.appCode,
      roomId: room.roomId,
      serviceId: room.serviceId,
      channelId: room.channelId,
      customer: room.customer,
      resolvedBy: by,
      notes,
    });
    void this.#track(deliverWebhook(url, payload, this.state.duplicateWebhooks ? 2 : 1));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: Record<string, unknown>;
    try {
      body = await readBody(req);
    } catch {
      body = { __unreadable: true };
    }
    const request: RouteRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: {
        appId: header(req, 'qiscus-app-id'),
        secretKey: header(req, 'qiscus-secret-key'),
        authorization: header(req, 'authorization'),
        contentType: header(req, 'content-type'),
      },
    };
    const call: RecordedCall = { ...request, status: 0, at: Date.now() };
    this.state.calls.push(call);
    if (this.#latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#latencyMs));
    const reply =
      body['__unreadable'] === true
        ? { status: 400, body: { errors: 'malformed body', status: 400 } }
        : route(request, { state: this.state, credentials: this.credentials, announceResolved: (r, by, n) => this.#announceResolved(r, by, n) });
    if ('hang' in reply) return;
    call.status = reply.status;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }
}
