import type { IncomingMessage } from 'node:http';
import { MalformedJson, PayloadTooLarge, UnsupportedMediaType, validationFailed, type BodyRefusal, type ProblemDetail, type ValidationFailed } from './http-problem.ts';

export const bodyLimitBytes = 1024 * 1024;

/** Deepest nesting of objects and arrays a body may have; JSON.parse copes with more, but recursive code downstream would not. */
export const maxJsonDepth = 64;

export type BodyRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'json'; readonly raw: Buffer; readonly value: unknown }
  /** An over-limit body is never buffered. */
  | { readonly kind: 'refused'; readonly failure: PayloadTooLarge; readonly raw?: undefined }
  /** `raw`: the bytes as received, so signatures can be checked first. */
  | { readonly kind: 'refused'; readonly failure: Exclude<BodyRefusal, PayloadTooLarge>; readonly raw: Buffer };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const tooLarge = (limit: number): PayloadTooLarge => new PayloadTooLarge({ limitBytes: limit });

/** `application/json`, with parameters (charset) or not; `+json` suffixes and everything else are refused. */
const isJsonMediaType = (header: string | undefined): boolean =>
  (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/** Reads the body up to `limit` bytes; one byte past it, stops reading and answers at once (the 413 then closes the connection). */
const collect = (req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve('too_large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

interface Visit {
  readonly value: object;
  readonly key: string;
  readonly parent: Visit | null;
  readonly depth: number;
}

const pathOf = (visit: Visit): string => {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at !== null && at.parent !== null; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
};

/** A string with a lone surrogate is not Unicode text: it could not be stored or returned as sent. */
const isText = (s: string): boolean => s.isWellFormed();
const notText = (path: string): ProblemDetail => ({ path, message: 'must be valid Unicode text (a lone surrogate is not)' });

/** A forbidden key, a too deep nesting or a lone surrogate, found without recursion so no body can exhaust the stack. */
const shapeProblem = (value: unknown): ProblemDetail | null => {
  if (typeof value === 'string') return isText(value) ? null : notText('');
  if (value === null || typeof value !== 'object') return null;
  const pending: Visit[] = [{ value, key: '', parent: null, depth: 1 }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    if (visit.depth > maxJsonDepth) return { path: pathOf(visit), message: `nesting deeper than ${maxJsonDepth} levels is not allowed` };
    const node = visit.value as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const at = (): string => pathOf({ value: node, key, parent: visit, depth: visit.depth });
      if (forbiddenKeys.has(key)) return { path: at(), message: 'this key is not allowed' };
      const child = node[key];
      if (!isText(key) || (typeof child === 'string' && !isText(child))) return notText(at());
      if (child !== null && typeof child === 'object') pending.push({ value: child, key, parent: visit, depth: visit.depth + 1 });
    }
  }
  return null;
};

const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;

/** The raw bytes (kept for signatures) and the parsed JSON of a request body, or why it is refused. */
export const readJsonBody = async (req: IncomingMessage, limit: number = bodyLimitBytes): Promise<BodyRead> => {
  if (!hasBody(req)) return { kind: 'absent' };
  if (Number(req.headers['content-length'] ?? '0') > limit) return { kind: 'refused', failure: tooLarge(limit) };
  const raw = await collect(req, limit);
  if (raw === 'too_large') return { kind: 'refused', failure: tooLarge(limit) };
  if (!isJsonMediaType(req.headers['content-type'])) {
    return { kind: 'refused', failure: new UnsupportedMediaType(), raw };
  }
  if (raw.length === 0) return { kind: 'absent' };
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(raw));
  } catch {
    return { kind: 'refused', failure: new MalformedJson(), raw };
  }
  const bad = shapeProblem(value);
  if (bad !== null) return { kind: 'refused', failure: validationFailed([bad]), raw };
  return { kind: 'json', raw, value };
};

/** A body that must be a JSON object: absent, empty or not an object → 422. */
export const requireObject = <R extends BodyRead>(
  read: R,
): { readonly raw: Buffer; readonly value: Record<string, unknown> } | ValidationFailed | Extract<R, { kind: 'refused' }>['failure'] => {
  if (read.kind === 'refused') return read.failure as Extract<R, { kind: 'refused' }>['failure'];
  if (read.kind === 'absent') return validationFailed([{ path: '', message: 'a JSON object body is required' }]);
  if (read.value === null || typeof read.value !== 'object' || Array.isArray(read.value)) {
    return validationFailed([{ path: '', message: 'the body must be a JSON object' }]);
  }
  return { raw: read.raw, value: read.value as Record<string, unknown> };
};
