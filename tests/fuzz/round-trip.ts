import type { FuzzRequest } from './fuzz-requests.ts';

/** What a write sent, as JSON, when it was meant to be stored as sent. */
const sentFields = (request: FuzzRequest): Record<string, unknown> | null => {
  if (request.body === undefined || !['valid', 'lone_surrogate'].includes(request.body.kind)) return null;
  try {
    const value: unknown = JSON.parse(request.body.bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** A webhook's `secret` is shown once, in the create answer (API.md): the read-back is that answer without it. */
const readBackOf = (text: string, created: Record<string, unknown>): string => {
  if (!('secret' in created)) return text;
  const { secret: _shownOnce, ...rest } = created;
  return JSON.stringify(rest);
};

/**
 * For a resource just created (201 with an `id` nobody else knows yet): each text field sent comes back
 * exactly as sent, and reading the resource back gives the very bytes the create answered.
 */
export const roundTripProblems = async (
  request: FuzzRequest,
  answer: { status: number; text: string },
  read: (path: string) => Promise<{ status: number; text: string }>,
  readable: (path: string) => boolean,
): Promise<string[]> => {
  const sent = sentFields(request);
  if (request.method !== 'POST' || answer.status !== 201 || sent === null) return [];
  const created = JSON.parse(answer.text) as Record<string, unknown>;
  const problems = Object.entries(sent)
    .filter(([key, value]) => typeof value === 'string' && typeof created[key] === 'string' && key !== 'email' && created[key] !== value)
    .map(([key]) => `${key} is not returned as sent`);
  const path = `${new URL(request.target, 'http://x').pathname.replace(/\/$/, '')}/${String(created.id)}`;
  if (typeof created.id !== 'string' || !readable(path)) return problems;
  const again = await read(path);
  if (again.status !== 200 || again.text !== readBackOf(answer.text, created)) problems.push(`read back as ${again.status} ${again.text.slice(0, 200)}`);
  return problems;
};
