import type { Context } from 'koa';
import type { Effect, Schema } from 'effect';
import type { Action } from '../../core/access/permissions.ts';
import type { Actor } from '../../core/shared/actor.ts';
import type { KnownError, KnownTag } from './error-table.ts';
import type { ValidationFailed } from './http-problem.ts';
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
  request(filters: Readonly<Record<string, string | undefined>>): Effect.Effect<PageRequest, ValidationFailed>;
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
  /** The media type of the body (default `application/json`). */
  readonly contentType?: string;
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
  /** The credentials a route that authenticates itself takes, as OpenAPI security requirements (names of `securitySchemes`). */
  readonly security?: ReadonlyArray<Readonly<Record<string, ReadonlyArray<string>>>>;
}

/** The tags of a union of tagged errors. */
export type TagOf<E> = E extends { readonly _tag: infer T extends string } ? T : never;

/** `Ok` when `L` lists exactly the tags of `E`; else a type naming the tags left out or not in `E`, which `Ok` refuses. */
export type ExactTags<E, L extends ReadonlyArray<string>, Ok> = [Exclude<TagOf<E>, L[number]>, Exclude<L[number], TagOf<E>>] extends [never, never]
  ? Ok
  : { readonly missingTags: Exclude<TagOf<E>, L[number]>; readonly unknownTags: Exclude<L[number], TagOf<E>> };

/** `list` checked to be exactly the tags of `E`. */
export const exactTags =
  <E>() =>
  <const L extends ReadonlyArray<KnownTag>>(list: L): ExactTags<E, L, L> =>
    list as ExactTags<E, L, L>;

interface RouteShape<P, Q, B, E, L extends ReadonlyArray<string>> {
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
  /**
   * Every tag the handler can fail with, exactly (the typecheck holds the list to the handler's error type).
   * The OpenAPI document answers them through the error table, plus what the runner adds from the route's
   * shape: auth (401, 503), `action` (403), params/query (422), `body` (400, 413, 415, 422); 405 and 500 always.
   */
  readonly errors: L;
}

export interface StaffRouteDef<P, Q, B, E, L extends ReadonlyArray<string>> extends RouteShape<P, Q, B, E, L> {
  /** The role-table check, answered (403) before the request's shape is looked at. */
  readonly action?: Action;
  readonly handle: (req: RouteRequest<P, Q, B, Actor>) => Effect.Effect<Reply, E>;
}

export interface PublicRouteDef<P, Q, B, E, L extends ReadonlyArray<string>> extends RouteShape<P, Q, B, E, L> {
  readonly handle: (req: RouteRequest<P, Q, B, null>) => Effect.Effect<Reply, E>;
}

/** The erased form the router mounts and the OpenAPI document reads; each definition is checked where it is written. */
export type AnyRoute =
  // oxlint-disable-next-line no-explicit-any -- erased type parameters
  | (StaffRouteDef<any, any, any, KnownError, ReadonlyArray<KnownTag>> & { readonly auth: 'staff' })
  // oxlint-disable-next-line no-explicit-any -- erased type parameters
  | (PublicRouteDef<any, any, any, KnownError, ReadonlyArray<KnownTag>> & { readonly auth: 'public' });

export const staffRoute = <P = {}, Q = {}, B = undefined, E extends KnownError = never, const L extends ReadonlyArray<KnownTag> = []>(
  route: StaffRouteDef<P, Q, B, E, L>,
): ExactTags<E, L, AnyRoute> => ({ ...(route as unknown as StaffRouteDef<unknown, unknown, unknown, KnownError, ReadonlyArray<KnownTag>>), auth: 'staff' }) as ExactTags<E, L, AnyRoute>;

export const publicRoute = <P = {}, Q = {}, B = undefined, E extends KnownError = never, const L extends ReadonlyArray<KnownTag> = []>(
  route: PublicRouteDef<P, Q, B, E, L>,
): ExactTags<E, L, AnyRoute> => ({ ...(route as unknown as PublicRouteDef<unknown, unknown, unknown, KnownError, ReadonlyArray<KnownTag>>), auth: 'public' }) as ExactTags<E, L, AnyRoute>;
