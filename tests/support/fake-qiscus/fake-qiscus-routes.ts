import type { FakeAgent, FakeQiscusState, FakeRoom, RecordedCall } from './fake-qiscus-state.ts';

export interface FakeCredentials {
  readonly appCode: string;
  readonly secretKey: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
}

export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: RecordedCall['headers'];
}

export type RouteReply = { readonly status: number; readonly body: unknown } | { readonly hang: true };

export interface RouteContext {
  readonly state: FakeQiscusState;
  readonly credentials: FakeCredentials;
  /** Fires the resolve webhook for a room (after the reply). */
  readonly announceResolved: (room: FakeRoom, by: { id: number; email: string; name: string; type: string }, notes: string) => void;
}

const ok = (data: unknown, meta?: unknown): RouteReply => ({ status: 200, body: meta === undefined ? { data, status: 200 } : { data, meta, status: 200 } });
const fail = (status: number, errors: unknown): RouteReply => ({ status, body: { errors, status } });
const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

const encodeCursor = (index: number) => Buffer.from(`after:${index}`).toString('base64url');
const decodeCursor = (cursor: string | undefined): number => {
  if (!cursor) return 0;
  const match = /^after:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : -1;
};

const isApp = (req: RouteRequest, { credentials }: RouteContext) =>
  req.headers.appId === credentials.appCode && req.headers.secretKey === credentials.secretKey;
const isAdmin = (req: RouteRequest, { state, credentials }: RouteContext) =>
  req.headers.appId === credentials.appCode && req.headers.authorization !== undefined && state.adminTokens.has(req.headers.authorization);

const agentJson = (state: FakeQiscusState, agent: FakeAgent) => ({
  id: agent.id,
  name: agent.name,
  email: agent.email,
  is_available: agent.isAvailable,
  force_offline: agent.forceOffline,
  current_customer_count: state.reportedCount(agent),
  type: 2,
  type_as_string: 'agent',
});

const roomJson = (state: FakeQiscusState, room: FakeRoom) => ({
  id: room.serviceId,
  room_id: room.roomId,
  name: room.customer.name,
  user_id: room.customer.userId,
  is_waiting: state.isWaiting(room),
  is_resolved: room.resolved,
  channel_id: room.channelId,
  source: 'qiscus',
});

const login = (req: RouteRequest, { state, credentials }: RouteContext): RouteReply => {
  if (req.body['email'] !== credentials.adminEmail || req.body['password'] !== credentials.adminPassword) {
    return fail(401, { message: 'Invalid email or password' });
  }
  state.logins += 1;
  const token = `adm-${state.nextId()}-${Math.random().toString(36).slice(2)}`;
  state.adminTokens.add(token);
  return ok({ user: { id: 1, email: credentials.adminEmail, name: 'Admin', authentication_token: token }, details: {} });
};

const availableAgents = (req: RouteRequest, ctx: RouteContext): RouteReply => {
  const room = ctx.state.rooms.get(req.query['room_id'] ?? '');
  if (!room) return fail(404, 'room not found');
  const start = decodeCursor(req.query['cursor_after']);
  if (start < 0) return fail(400, 'invalid cursor');
  const limit = Math.min(100, Math.max(1, Number(req.query['limit'] ?? 10) || 10));
  const rows = ctx.state.agents.slice(start, start + limit).map((agent) => agentJson(ctx.state, agent));
  const end = start + rows.length;
  ctx.state.ageStaleCounts();
  return ok({ agents: rows }, { after: end < ctx.state.agents.length ? encodeCursor(end) : null, per_page: limit, total: ctx.state.agents.length });
};

const assignAgent = (req: RouteRequest, { state }: RouteContext): RouteReply => {
  const fault = state.assignFaults.shift();
  const room = state.rooms.get(text(req.body['room_id']));
  const agent = state.agent(Number(text(req.body['agent_id'])));
  const maxAgent = Number(text(req.body['max_agent']) || 0);
  let reply: RouteReply;
  if (!room) reply = fail(404, 'room not found');
  else if (!agent) reply = fail(400, 'agent not found');
  else if (room.resolved) reply = fail(400, { message: 'Room is already resolved' });
  else if (maxAgent > 0 && room.agentIds.length >= maxAgent) reply = fail(400, 'Cant join room, exceed max agents');
  else if (fault && !fault.applied) reply = fail(500, 'not applied');
  else {
    state.addAgentToRoom(room, agent);
    reply = ok({ added_agent: agentJson(state, agent), service: { id: room.serviceId, room_id: room.roomId, is_resolved: false } });
  }
  if (!fault) return reply;
  return fault.fault.kind === 'timeout' ? { hang: true } : fail(fault.fault.status, 'Internal Server Error');
};

const markAsResolved = (req: RouteRequest, ctx: RouteContext): RouteReply => {
  const room = ctx.state.rooms.get(text(req.body['room_id']));
  if (!room) return fail(404, 'room not found');
  if (room.resolved) return fail(400, { message: 'Room already resolved' });
  ctx.state.resolveRoom(room);
  ctx.announceResolved(room, { id: 1, email: ctx.credentials.adminEmail, name: 'Admin', type: 'admin' }, text(req.body['notes']));
  return ok({ service: { id: room.serviceId, room_id: room.roomId, is_resolved: true, notes: text(req.body['notes']) } });
};

const registerWebhook = (req: RouteRequest, { state, credentials }: RouteContext): RouteReply => {
  const url = text(req.body['webhook_url']);
  state.resolveWebhook = { url: url === '' ? null : url, enabled: text(req.body['is_webhook_enabled']) !== 'false' };
  return ok({
    id: 1,
    app_code: credentials.appCode,
    mark_as_resolved_webhook_url: state.resolveWebhook.url,
    is_mark_as_resolved_webhook_enabled: state.resolveWebhook.enabled,
  });
};

const roomsByState = (req: RouteRequest, { state }: RouteContext): RouteReply => {
  const serve = text(req.body['serve_status']) || 'all';
  const status = text(req.body['status']) || 'all';
  const matching = state.roomsNewestFirst().filter(
    (room) =>
      (serve === 'all' || (serve === 'unserved') === (room.agentIds.length === 0)) &&
      (status === 'all' || (status === 'resolved') === room.resolved),
  );
  const start = decodeCursor(text(req.body['cursor_after']) || undefined);
  if (start < 0) return fail(400, 'invalid cursor');
  const limit = Math.min(100, Math.max(1, Number(req.body['limit'] ?? 50) || 50));
  const rows = matching.slice(start, start + limit).map((room) => roomJson(state, room));
  const end = start + rows.length;
  return ok({ customer_rooms: rows }, { cursor_after: end < matching.length ? encodeCursor(end) : null, cursor_before: null });
};

/** Dispatches one request of the Qiscus API subset that Switchboard calls. */
export const route = (req: RouteRequest, ctx: RouteContext): RouteReply => {
  const { method, path } = req;
  if (method === 'POST' && path === '/api/v1/auth') return login(req, ctx);
  if (method === 'POST' && path === '/api/v1/app/webhook/mark_as_resolved') {
    return isAdmin(req, ctx) ? registerWebhook(req, ctx) : fail(401, 'Unauthorized');
  }
  if (method === 'POST' && path === '/api/v2/customer_rooms') {
    return isApp(req, ctx) || isAdmin(req, ctx) ? roomsByState(req, ctx) : fail(401, 'Unauthorized');
  }
  const roomDetail = /^\/api\/v2\/customer_rooms\/([^/]+)$/.exec(path);
  const appRoutes: Record<string, (() => RouteReply) | undefined> = {
    'GET /api/v2/admin/service/available_agents': () => availableAgents(req, ctx),
    'POST /api/v1/admin/service/assign_agent': () => assignAgent(req, ctx),
    'POST /api/v1/admin/service/mark_as_resolved': () => markAsResolved(req, ctx),
  };
  const handler =
    method === 'GET' && roomDetail
      ? () => {
          const room = ctx.state.rooms.get(decodeURIComponent(roomDetail[1] ?? ''));
          return room ? ok({ customer_room: roomJson(ctx.state, room) }) : fail(404, 'room not found');
        }
      : appRoutes[`${method} ${path}`];
  if (!handler) return fail(404, 'Not Found');
  return isApp(req, ctx) ? handler() : fail(401, 'Unauthorized');
};
