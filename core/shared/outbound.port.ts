import type { Effect } from 'effect';

/**
 * Judges a URL the server is asked to call (the outbound URL rule of API.md): `https://` or `http://`
 * and a host that resolves to public addresses only. Resolving is I/O, hence a port.
 */
export interface DestinationPolicy {
  /** `null` when the URL may be called, else the reason it may not (for a 422 message). */
  check(url: string): Effect.Effect<string | null>;
}

export interface OutboundRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  /** The whole call: resolving, connecting, sending and reading the answer. */
  readonly timeoutMs: number;
  /** An answer longer than this fails the call (unless `keepPartialBody`). */
  readonly maxBodyBytes: number;
  /** Read the answer only up to `maxBodyBytes` and keep what was read, instead of failing the call. */
  readonly keepPartialBody?: boolean;
  readonly signal?: AbortSignal;
}

export type OutboundResult =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Readonly<Record<string, string | string[] | undefined>>; readonly body: Uint8Array }
  /** The destination breaks the outbound URL rule; nothing was sent. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** No complete answer: network error, timeout, or an answer over the size cap (`tooLarge`). */
  | { readonly kind: 'failed'; readonly reason: string; readonly timedOut: boolean; readonly tooLarge: boolean };

/** Calls to URLs that admins set (webhooks, the chat platform base URL), each checked by the outbound URL rule; redirects are never followed. */
export interface OutboundHttp {
  send(request: OutboundRequest): Promise<OutboundResult>;
}

/** Refuses every call: what a client gets when its composition root gave it no guarded `OutboundHttp`. */
export const noOutboundHttp: OutboundHttp = {
  send: async () => ({ kind: 'refused', reason: 'no outbound HTTP client was configured' }),
};
