import type { IncomingMessage } from 'node:http';
import { problem, validationFailed, type HttpFailure } from './http-problem.ts';

export const bodyLimitBytes = 1024 * 1024;

export type BodyRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'json'; readonly raw: Buffer; readonly value: unknown }
  | { readonly kind: 'refused'; readonly failure: HttpFailure };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const tooLarge = (): HttpFailure => problem(413, 'payload_too_large', `The body exceeds ${bodyLimitBytes} bytes.`);

const isJsonMediaType = (header: string | undefined): boolean => {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
};

/** Reads the body up to `limit` bytes; past it, drains the rest without keeping it. */
const collect = (req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const findForbiddenKey = (value: unknown, path: string): string | null => {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (forbiddenKeys.has(key)) return here;
    const nested = findForbiddenKey(child, here);
    if (nested !== null) return nested;
  }
  return null;
};

const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;

/** The raw bytes (kept for signatures) and the parsed JSON of a request body, or why it is refused. */
export const readJsonBody = async (req: IncomingMessage, limit: number = bodyLimitBytes): Promise<BodyRead> => {
  if (!hasBody(req)) return { kind: 'absent' };
  if (Number(req.headers['content-length'] ?? '0') > limit) return { kind: 'refused', failure: tooLarge() };
  if (!isJsonMediaType(req.headers['content-type'])) {
    return { kind: 'refused', failure: problem(415, 'unsupported_media_type', 'Send the body as application/json.') };
  }
  const raw = await collect(req, limit);
  if (raw === 'too_large') return { kind: 'refused', failure: tooLarge() };
  if (raw.length === 0) return { kind: 'absent' };
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(raw));
  } catch {
    return { kind: 'refused', failure: problem(400, 'malformed_json', 'The body is not valid JSON.') };
  }
  const bad = findForbiddenKey(value, '');
  if (bad !== null) return { kind: 'refused', failure: validationFailed([{ path: bad, message: 'this key is not allowed' }]) };
  return { kind: 'json', raw, value };
};

/** A body that must be a JSON object: absent, empty or not an object → 422. */
export const requireObject = (read: BodyRead): { readonly raw: Buffer; readonly value: Record<string, unknown> } | HttpFailure => {
  if (read.kind === 'refused') return read.failure;
  if (read.kind === 'absent') return validationFailed([{ path: '', message: 'a JSON object body is required' }]);
  if (read.value === null || typeof read.value !== 'object' || Array.isArray(read.value)) {
    return validationFailed([{ path: '', message: 'the body must be a JSON object' }]);
  }
  return { raw: read.raw, value: read.value as Record<string, unknown> };
};
