import { Duration, Effect } from 'effect';
import { ChatPlatformUnavailable } from '../../core/allocation/chat-platform.port.ts';
import { noOutboundHttp, type OutboundHttp } from '../../core/shared/outbound.port.ts';

/** A Qiscus call about to be retried: which, why, and after how long. */
export interface RetryNotice {
  readonly operation: string;
  readonly attempt: number;
  readonly reason: string;
  readonly delayMs: number;
}

/** Timeouts, retries and the outbound HTTP client of Qiscus calls. */
export interface QiscusHttpOptions {
  /** Per attempt, body included. */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random: () => number;
  /** Outbound HTTP with the SSRF guard (the base URL is vetted at every call). */
  readonly outbound: OutboundHttp;
  /** Answers longer than this fail the call (1 MiB). */
  readonly maxAnswerBytes: number;
  /** Told before each retry (e.g. to log it). */
  readonly onRetry: (notice: RetryNotice) => void;
  /** Every attempt, answered or not (metrics). */
  readonly onAttempt: (notice: AttemptNotice) => void;
}

export interface AttemptNotice {
  readonly operation: string;
  readonly outcome: 'success' | 'client_error' | 'server_error' | 'failed' | 'refused';
  readonly seconds: number;
}

export const defaultHttpOptions: QiscusHttpOptions = {
  timeoutMs: 10_000,
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  random: Math.random,
  // The composition root gives the guarded client (apps/shared/outbound.ts).
  outbound: noOutboundHttp,
  maxAnswerBytes: 1024 * 1024,
  onRetry: () => {},
  onAttempt: () => {},
};

export interface QiscusRequest {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  /** Path and query, appended to the base URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: URLSearchParams | FormData | { readonly json: unknown };
}

export interface QiscusReply {
  readonly status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  readonly body: unknown;
  /** An earlier attempt failed without a usable answer, so it may have taken effect. */
  readonly uncertain: boolean;
}

type Attempt =
  | { readonly _tag: 'Reply'; readonly reply: QiscusReply }
  | { readonly _tag: 'Retryable'; readonly reason: string }
  /** Trying again cannot help: the destination is refused, or the answer is over the cap. */
  | { readonly _tag: 'Final'; readonly reason: string };

/** Exponential backoff with equal jitter: half the step fixed, half random. */
export const backoffDelay = (attempt: number, options: Pick<QiscusHttpOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number => {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
};

const parseBody = (text: string): unknown => {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const encodeBody = async (body: QiscusRequest['body']): Promise<{ body?: Uint8Array; contentType?: string }> => {
  if (body === undefined) return {};
  if (body instanceof URLSearchParams || body instanceof FormData) {
    // Response encodes the form the way fetch would, multipart boundary included.
    const encoded = new Response(body);
    return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? undefined };
  }
  return { body: Buffer.from(JSON.stringify(body.json)), contentType: 'application/json' };
};

const attemptOnce = (baseUrl: string, request: QiscusRequest, options: QiscusHttpOptions, uncertain: boolean): Effect.Effect<Attempt> =>
  Effect.promise(async (interrupt): Promise<Attempt> => {
    const { body, contentType } = await encodeBody(request.body);
    const started = performance.now();
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (contentType !== undefined) headers['content-type'] = contentType;
    // Redirects are never followed: one would carry the secret headers to another host.
    const result = await options.outbound.send({
      url: new URL(request.path, baseUrl).href,
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxAnswerBytes,
      signal: interrupt,
    });
    const outcome = result.kind !== 'response' ? result.kind : result.status >= 500 ? 'server_error' : result.status >= 400 ? 'client_error' : 'success';
    options.onAttempt({ operation: request.operation, outcome, seconds: (performance.now() - started) / 1000 });
    if (result.kind === 'refused') return { _tag: 'Final', reason: `base URL refused: ${result.reason}` };
    if (result.kind === 'failed') return result.tooLarge ? { _tag: 'Final', reason: result.reason } : { _tag: 'Retryable', reason: result.reason };
    if (result.status >= 500 || result.status === 429) return { _tag: 'Retryable', reason: `status ${result.status}` };
    return { _tag: 'Reply', reply: { status: result.status, body: parseBody(Buffer.from(result.body).toString('utf8')), uncertain } };
  });

/** Sends one request, retrying on network errors, timeouts, 429 and 5xx; other answers are returned as they are. */
export const send = (baseUrl: string, request: QiscusRequest, options: QiscusHttpOptions): Effect.Effect<QiscusReply, ChatPlatformUnavailable> =>
  Effect.gen(function* () {
    let reason = 'no attempt made';
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      const outcome = yield* attemptOnce(baseUrl, request, options, attempt > 1);
      if (outcome._tag === 'Reply') return outcome.reply;
      if (outcome._tag === 'Final') return yield* new ChatPlatformUnavailable({ operation: request.operation, reason: outcome.reason });
      reason = outcome.reason;
      if (attempt === options.maxAttempts) break;
      const delayMs = backoffDelay(attempt, options, options.random);
      options.onRetry({ operation: request.operation, attempt, reason, delayMs });
      yield* Effect.sleep(Duration.millis(delayMs));
    }
    return yield* new ChatPlatformUnavailable({
      operation: request.operation,
      reason: `${reason} after ${options.maxAttempts} attempt(s)`,
    });
  });
