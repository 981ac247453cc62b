import { Effect, Result, Schema } from 'effect';
import {
  ChatPlatformAdminMissing,
  ChatPlatformCredentialsRejected,
  ChatPlatformUnavailable,
  type ChatPlatformAccount,
} from '../../core/allocation/chat-platform.port.ts';
import { send, type QiscusHttpOptions, type QiscusReply, type QiscusRequest } from './qiscus-http.ts';
import { LoginReply } from './qiscus-schemas.ts';

type Admin = NonNullable<ChatPlatformAccount['admin']>;
type SessionError = ChatPlatformAdminMissing | ChatPlatformCredentialsRejected | ChatPlatformUnavailable;

const rejectedStatus = (status: number) => status === 401 || status === 403;

/** Admin tokens (valid for weeks) per account, reused across calls and renewed once when refused. */
export class QiscusAdminSessions {
  readonly #tokens = new Map<string, string>();
  readonly #http: QiscusHttpOptions;

  constructor(http: QiscusHttpOptions) {
    this.#http = http;
  }

  /** Sends the request built for a token; on 401/403 logs in again once and resends. */
  send(account: ChatPlatformAccount, build: (token: string) => QiscusRequest): Effect.Effect<QiscusReply, SessionError> {
    const sessions = this;
    return Effect.gen(function* () {
      const admin = account.admin;
      if (admin === null) return yield* new ChatPlatformAdminMissing();
      const key = sessionKey(account, admin);
      const cached = sessions.#tokens.get(key);
      const token = cached ?? (yield* sessions.#login(account, admin));
      const first = yield* send(account.baseUrl, build(token), sessions.#http);
      if (!rejectedStatus(first.status)) return first;
      if (sessions.#tokens.get(key) === token) sessions.#tokens.delete(key);
      if (cached === undefined) return yield* new ChatPlatformCredentialsRejected({ credentials: 'admin' });
      const renewed = yield* sessions.#login(account, admin);
      const second = yield* send(account.baseUrl, build(renewed), sessions.#http);
      if (rejectedStatus(second.status)) return yield* new ChatPlatformCredentialsRejected({ credentials: 'admin' });
      return second;
    });
  }

  #login(account: ChatPlatformAccount, admin: Admin): Effect.Effect<string, ChatPlatformCredentialsRejected | ChatPlatformUnavailable> {
    const tokens = this.#tokens;
    const http = this.#http;
    return Effect.gen(function* () {
      const reply = yield* send(
        account.baseUrl,
        {
          operation: 'admin login',
          method: 'POST',
          path: '/api/v1/auth',
          headers: {},
          body: new URLSearchParams({ email: admin.email, password: admin.password }),
        },
        http,
      );
      if (reply.status >= 400 && reply.status < 500) return yield* new ChatPlatformCredentialsRejected({ credentials: 'admin' });
      const decoded = Schema.decodeUnknownResult(LoginReply)(reply.body);
      if (reply.status >= 300 || Result.isFailure(decoded)) {
        return yield* new ChatPlatformUnavailable({ operation: 'admin login', reason: `unexpected reply (status ${reply.status})` });
      }
      const token = decoded.success.data.user.authentication_token;
      tokens.set(sessionKey(account, admin), token);
      return token;
    });
  }
}

const sessionKey = (account: ChatPlatformAccount, admin: Admin) => JSON.stringify([account.baseUrl, account.appCode, admin.email]);
