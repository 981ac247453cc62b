import { ApiError, toApiError } from './api-error.ts';
import type { Session, User } from './types.ts';

/** Where the refresh token is kept between reloads (sessionStorage in the browser); the access token stays in memory. */
export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  readonly fetch: Fetch;
  readonly store: TokenStore;
  /** Called once when the session cannot be renewed (refresh token spent, revoked or expired). */
  readonly onSessionEnded: () => void;
  readonly baseUrl?: string;
}

/** The public API with a bearer token; a 401 renews the session once through refresh-token rotation. */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private readonly options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.options = options;
  }

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  async login(email: string, password: string): Promise<User> {
    const session = await this.send<Session>('POST', '/api/login', { email, password }, null);
    this.adopt(session);
    return session.user;
  }

  /** After a reload: a kept refresh token becomes a new session, or null. */
  async resume(): Promise<User | null> {
    if (this.options.store.get() === null) return null;
    return (await this.renew())?.user ?? null;
  }

  async logout(): Promise<void> {
    const refresh = this.options.store.get();
    this.accessToken = null;
    this.options.store.set(null);
    if (refresh !== null) await this.send('POST', '/api/logout', { refresh_token: refresh }, null).catch(() => undefined);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = this.accessToken;
    try {
      return await this.send<T>(method, path, body, token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'unauthenticated') throw error;
      // Another request may have renewed the token meanwhile; otherwise renew it now, once for all waiting callers.
      const fresh = this.accessToken !== token && this.accessToken !== null ? this.accessToken : (await this.renew())?.access_token;
      if (fresh === undefined || fresh === null) throw error;
      return this.send<T>(method, path, body, fresh);
    }
  }

  private renew(): Promise<Session | null> {
    this.refreshing ??= this.rotate().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async rotate(): Promise<Session | null> {
    const refresh = this.options.store.get();
    if (refresh === null) return this.end();
    try {
      const session = await this.send<Session>('POST', '/api/refresh-token', { refresh_token: refresh }, null);
      this.adopt(session);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return this.end();
      throw error;
    }
  }

  private end(): null {
    const wasSignedIn = this.accessToken !== null || this.options.store.get() !== null;
    this.accessToken = null;
    this.options.store.set(null);
    if (wasSignedIn) this.options.onSessionEnded();
    return null;
  }

  private adopt(session: Session): void {
    this.accessToken = session.access_token;
    this.options.store.set(session.refresh_token);
  }

  private async send<T>(method: string, path: string, body: unknown, token: string | null): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.options.fetch((this.options.baseUrl ?? '') + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'network', 'The server could not be reached.');
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    if (!response.ok) throw toApiError(response.status, parsed);
    return parsed as T;
  }
}
