import type { Context } from 'koa';
import type { Effect, Schema } from 'effect';
import type { Action } from '../../core/access/permissions.ts';
import type { Actor } from '../../core/shared/actor.ts';
import type { KnownError } from './error-table.ts';
import type { BodyRead } from './json-body.ts';
import type { PageRequest, Page } from '../../core/shared/page.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent: Reply = { status: 204 };

/** Keyset paging bound to this endpoint, the caller's tenant and the list's filters. */
export interface Pager {
  request(filters: Readonly<Record<string, string | undefined>>): Effect.Effect<PageRequest, KnownError>;
  reply<T>(page: Page<T>, filters: Readonly<Record<string, string | undefined>>, serialize: (item: T) => unknown): Reply;
}

export interface RouteRequest<P, Q, B, A> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly actor: A;
  /** The body as read (raw bytes kept), for routes that decode it themselves. */
  readonly bodyRead: BodyRead;
  readonly clientAddress: string;
  readonly pager: A extends Actor ? Pager : never;
  readonly ctx: Context;
}

export interface ResponseDoc {
  readonly status: number;
  readonly description: string;
  readonly schema?: Schema.Top;
}

/** A header or query value the handler reads itself, for the OpenAPI document. */
export interface ParameterDoc {
  readonly name: string;
  readonly in: 'header' | 'query';
  readonly required: boolean;
  readonly description: string;
  readonly schema: Schema.Top;
}

/** What a `rawBody` handler decodes itself, for the OpenAPI document (the runner does not enforce it). */
export interface RequestDocs {
  readonly body?: { readonly schema: Schema.Top; readonly required: boolean; readonly description?: string };
  readonly parameters?: ReadonlyArray<ParameterDoc>;
}

interface RouteShape<P, Q, B> {
  readonly method: Method;
  /** Koa path, `:name` for parameters. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly params?: Schema.Decoder<P>;
  readonly query?: Schema.Decoder<Q>;
  /** A required JSON object body, decoded into exactly this shape. */
  readonly body?: Schema.Decoder<B>;
  /** The body is read (raw bytes kept) but decoded by the handler itself. */
  readonly rawBody?: boolean;
  readonly docs?: RequestDocs;
  readonly success: ResponseDoc;
  /** Error statuses this route may answer, for the OpenAPI document. */
  readonly errors: ReadonlyArray<number>;
}

export interface StaffRoute<P, Q, B> extends RouteShape<P, Q, B> {
  readonly auth: 'staff';
  /** The role-table check, answered (403) before the request's shape is looked at. */
  readonly action?: Action;
  readonly handle: (req: RouteRequest<P, Q, B, Actor>) => Effect.Effect<Reply, KnownError>;
}

export interface PublicRoute<P, Q, B> extends RouteShape<P, Q, B> {
  readonly auth: 'public';
  readonly handle: (req: RouteRequest<P, Q, B, null>) => Effect.Effect<Reply, KnownError>;
}

// oxlint-disable-next-line no-explicit-any -- the erased form the router mounts; each definition is checked
export type AnyRoute = StaffRoute<any, any, any> | PublicRoute<any, any, any>;

export const staffRoute = <P = {}, Q = {}, B = undefined>(route: Omit<StaffRoute<P, Q, B>, 'auth'>): AnyRoute => ({ ...route, auth: 'staff' });
export const publicRoute = <P = {}, Q = {}, B = undefined>(route: Omit<PublicRoute<P, Q, B>, 'auth'>): AnyRoute => ({ ...route, auth: 'public' });
