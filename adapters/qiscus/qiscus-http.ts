import { Duration, Effect } from 'effect';
import { ChatPlatformUnavailable } from '../../core/allocation/chat-platform.port.ts';

export interface RetryNotice {
  readonly operation: string;
  readonly attempt: number;
  readonly reason: string;
  readonly delayMs: number;
}

export interface QiscusHttpOptions {
  /** Per attempt, body included. */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly fetch: typeof fetch;
  readonly onRetry: (notice: RetryNotice) => void;
}

export const defaultHttpOptions: QiscusHttpOptions = {
  timeoutMs: 10_000,
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  random: Math.random,
  fetch: (input, init) => fetch(input, init),
  onRetry: () => {},
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

type Attempt = { readonly _tag: 'Reply'; readonly reply: QiscusReply } | { readonly _tag: 'Retryable'; readonly reason: string };

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

const encodeBody = (body: QiscusRequest['body']): { body?: RequestInit['body']; contentType?: string } => {
  if (body === undefined) return {};
  if (body instanceof URLSearchParams) return { body, contentType: 'application/x-www-form-urlencoded' };
  if (body instanceof FormData) return { body };
  return { body: JSON.stringify(body.json), contentType: 'application/json' };
};

const describe = (error: unknown, timedOut: boolean): string => {
  if (timedOut) return 'timed out';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `network error (${error.message}${cause})` : 'network error';
};

const attemptOnce = (baseUrl: string, request: QiscusRequest, options: QiscusHttpOptions, uncertain: boolean): Effect.Effect<Attempt> =>
  Effect.promise(async (interrupt): Promise<Attempt> => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const { body, contentType } = encodeBody(request.body);
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (contentType !== undefined) headers['content-type'] = contentType;
    try {
      const response = await options.fetch(new URL(request.path, baseUrl), {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.any([interrupt, timeout]),
        // A followed redirect would carry the secret headers to another host.
        redirect: 'manual',
      });
      const parsed = parseBody(await response.text());
      if (response.status >= 500 || response.status === 429) return { _tag: 'Retryable', reason: `status ${response.status}` };
      return { _tag: 'Reply', reply: { status: response.status, body: parsed, uncertain } };
    } catch (error) {
      return { _tag: 'Retryable', reason: describe(error, timeout.aborted) };
    }
  });

/** Sends one request, retrying on network errors, timeouts, 429 and 5xx; other answers are returned as they are. */
export const send = (baseUrl: string, request: QiscusRequest, options: QiscusHttpOptions): Effect.Effect<QiscusReply, ChatPlatformUnavailable> =>
  Effect.gen(function* () {
    let reason = 'no attempt made';
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      const outcome = yield* attemptOnce(baseUrl, request, options, attempt > 1);
      if (outcome._tag === 'Reply') return outcome.reply;
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
