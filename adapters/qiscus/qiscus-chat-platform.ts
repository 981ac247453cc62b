import { Effect, Result, Schema } from 'effect';
import {
  ChatPlatformCredentialsRejected,
  ChatPlatformRequestRejected,
  ChatPlatformUnavailable,
  ChatRoomNotFound,
  type AssignOutcome,
  type ChatPlatform,
  type ChatPlatformAccount,
  type ChatPlatformFailure,
  type PlatformAgent,
  type PlatformRoom,
  type ResolveWebhookRegistration,
} from '../../core/allocation/chat-platform.port.ts';
import { QiscusAdminSessions } from './qiscus-admin-session.ts';
import { defaultHttpOptions, send, type QiscusHttpOptions, type QiscusReply, type QiscusRequest } from './qiscus-http.ts';
import {
  AnyObjectReply,
  AssignReply,
  AvailableAgentsReply,
  errorMessage,
  nextCursor,
  RoomDetailReply,
  RoomListReply,
  WebhookSettingsReply,
  type RoomRow,
} from './qiscus-schemas.ts';
import { pageThrough } from './qiscus-paging.ts';

export interface QiscusChatPlatformOptions extends Partial<QiscusHttpOptions> {
  /** Rows asked for per page of agents and rooms. */
  readonly pageSize?: number;
  /** Stops a listing that keeps returning cursors. */
  readonly maxPages?: number;
}

const appHeaders = (account: ChatPlatformAccount) => ({ 'Qiscus-App-Id': account.appCode, 'Qiscus-Secret-Key': account.secretKey });
/** Read in Qiscus error messages (at most 1000 characters, see `errorMessage`). */
export const replyPatterns = { exceedsMaxAgents: /exceed(s|ed)?\s+max(imum)?\s+agent/i, alreadyResolved: /resolved/i };
const { exceedsMaxAgents, alreadyResolved } = replyPatterns;

const stateOf = (row: RoomRow): PlatformRoom['state'] => (row.is_resolved ? 'resolved' : row.is_waiting ? 'waiting' : 'served');

/** `ChatPlatform` on the Qiscus Multichannel REST API. */
export class QiscusChatPlatform implements ChatPlatform {
  readonly name = 'Qiscus';
  readonly channel = 'qiscus' as const;
  readonly #http: QiscusHttpOptions;
  readonly #admins: QiscusAdminSessions;
  readonly #pageSize: number;
  readonly #maxPages: number;

  constructor(options: QiscusChatPlatformOptions = {}) {
    const { pageSize, maxPages, ...http } = options;
    this.#http = { ...defaultHttpOptions, ...http };
    this.#admins = new QiscusAdminSessions(this.#http);
    this.#pageSize = pageSize ?? 50;
    this.#maxPages = maxPages ?? 200;
  }

  eligibleAgents(account: ChatPlatformAccount, roomId: string): Effect.Effect<ReadonlyArray<PlatformAgent>, ChatPlatformFailure> {
    const operation = 'list available agents';
    const fetchPage = (cursor: string | null) => {
      const query = new URLSearchParams({ room_id: roomId, limit: String(this.#pageSize) });
      if (cursor !== null) query.set('cursor_after', cursor);
      return this.#app(account, { operation, method: 'GET', path: `/api/v2/admin/service/available_agents?${query}` }).pipe(
        Effect.flatMap((reply) => this.#decodeOk(operation, reply, AvailableAgentsReply)),
        Effect.map((page) => ({ items: page.data.agents, next: nextCursor(page.meta) })),
      );
    };
    return pageThrough(operation, fetchPage, this.#maxPages).pipe(
      Effect.map((agents) =>
        agents
          .filter((agent) => agent.is_available && agent.force_offline !== true)
          .map((agent) => ({
            platformAgentId: agent.id,
            name: agent.name ?? agent.email,
            email: agent.email,
            reportedLoad: agent.current_customer_count ?? 0,
          })),
      ),
    );
  }

  assignAgent(account: ChatPlatformAccount, roomId: string, platformAgentId: string): Effect.Effect<AssignOutcome, ChatPlatformFailure> {
    const operation = 'assign agent';
    const body = new URLSearchParams({ room_id: roomId, agent_id: platformAgentId, max_agent: '1', replace_latest_agent: 'false' });
    return this.#app(account, { operation, method: 'POST', path: '/api/v1/admin/service/assign_agent', body }).pipe(
      Effect.flatMap((reply): Effect.Effect<AssignOutcome, ChatPlatformFailure> => {
        if (reply.status === 400) {
          const message = errorMessage(reply.body);
          if (exceedsMaxAgents.test(message)) return Effect.succeed({ _tag: 'AlreadyServed', roomId, uncertain: reply.uncertain });
          if (alreadyResolved.test(message)) return Effect.succeed({ _tag: 'RoomResolved', roomId });
        }
        return this.#decodeOk(operation, reply, AssignReply).pipe(
          Effect.map((ok) => ({ _tag: 'Assigned', roomId, platformAgentId: ok.data.added_agent.id, sessionId: ok.data.service?.id ?? null }) as const),
        );
      }),
    );
  }

  resolveRoom(account: ChatPlatformAccount, roomId: string, notes?: string): Effect.Effect<void, ChatPlatformFailure> {
    const operation = 'mark as resolved';
    const body = new URLSearchParams({ room_id: roomId, notes: notes ?? '' });
    return this.#app(account, { operation, method: 'POST', path: '/api/v1/admin/service/mark_as_resolved', body }).pipe(
      Effect.flatMap((reply) =>
        reply.status === 400 && alreadyResolved.test(errorMessage(reply.body))
          ? Effect.void
          : Effect.asVoid(this.#decodeOk(operation, reply, AnyObjectReply)),
      ),
    );
  }

  /** One room's state, from Qiscus's room detail. */
  room(account: ChatPlatformAccount, roomId: string): Effect.Effect<PlatformRoom, ChatRoomNotFound | ChatPlatformFailure> {
    const operation = 'room detail';
    return this.#app(account, { operation, method: 'GET', path: `/api/v2/customer_rooms/${encodeURIComponent(roomId)}` }).pipe(
      Effect.flatMap((reply) =>
        reply.status === 404
          ? Effect.fail<ChatRoomNotFound | ChatPlatformFailure>(new ChatRoomNotFound({ roomId }))
          : this.#decodeOk(operation, reply, RoomDetailReply),
      ),
      Effect.map(({ data: { customer_room: row } }) => ({ roomId, state: stateOf(row), channelId: row.channel_id ?? null })),
    );
  }

  waitingRooms(account: ChatPlatformAccount): Effect.Effect<ReadonlyArray<PlatformRoom>, ChatPlatformFailure> {
    const operation = 'list waiting rooms';
    const fetchPage = (cursor: string | null) => {
      const json = { serve_status: 'unserved', status: 'unresolved', limit: this.#pageSize, ...(cursor === null ? {} : { cursor_after: cursor }) };
      return this.#app(account, { operation, method: 'POST', path: '/api/v2/customer_rooms', body: { json } }).pipe(
        Effect.flatMap((reply) => this.#decodeOk(operation, reply, RoomListReply)),
        Effect.map((page) => ({ items: page.data.customer_rooms, next: nextCursor(page.meta) })),
      );
    };
    return pageThrough(operation, fetchPage, this.#maxPages).pipe(
      Effect.map((rows) =>
        rows
          .filter((row) => row.is_waiting && !row.is_resolved)
          .map((row) => ({ roomId: row.room_id, state: stateOf(row), channelId: row.channel_id ?? null })),
      ),
    );
  }

  registerResolveWebhook(account: ChatPlatformAccount, registration: ResolveWebhookRegistration) {
    const operation = 'register resolve webhook';
    const build = (token: string): QiscusRequest => {
      const body = new FormData();
      body.set('webhook_url', registration.url);
      body.set('is_webhook_enabled', String(registration.enabled));
      const headers = { Authorization: token, 'Qiscus-App-Id': account.appCode };
      return { operation, method: 'POST', path: '/api/v1/app/webhook/mark_as_resolved', headers, body };
    };
    return this.#admins.send(account, build).pipe(
      Effect.flatMap((reply) => this.#decodeOk(operation, reply, WebhookSettingsReply)),
      Effect.map(({ data }) => {
        const app = 'app' in data ? data.app : data;
        return { url: app.mark_as_resolved_webhook_url ?? '', enabled: app.is_mark_as_resolved_webhook_enabled };
      }),
    );
  }

  #app(account: ChatPlatformAccount, request: Omit<QiscusRequest, 'headers'>) {
    return send(account.baseUrl, { ...request, headers: appHeaders(account) }, this.#http).pipe(
      Effect.flatMap((reply) =>
        reply.status === 401 || reply.status === 403
          ? Effect.fail(new ChatPlatformCredentialsRejected({ credentials: 'app' }))
          : Effect.succeed(reply),
      ),
    );
  }

  #decodeOk<S extends Schema.ConstraintDecoder<unknown>>(
    operation: string,
    reply: QiscusReply,
    schema: S,
  ): Effect.Effect<S['Type'], ChatPlatformRequestRejected | ChatPlatformUnavailable> {
    if (reply.status < 200 || reply.status >= 300) {
      return Effect.fail(new ChatPlatformRequestRejected({ operation, status: reply.status, message: errorMessage(reply.body) }));
    }
    const decoded = Schema.decodeUnknownResult(schema)(reply.body);
    if (Result.isSuccess(decoded)) return Effect.succeed(decoded.success);
    // The schema message would quote the reply, which may hold tokens or secrets.
    return Effect.fail(new ChatPlatformUnavailable({ operation, reason: `unexpected reply shape (status ${reply.status})` }));
  }
}
