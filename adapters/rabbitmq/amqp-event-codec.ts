import type { DomainEvent } from '../../core/shared/events.ts';

export const encodeEvent = (event: DomainEvent): Buffer => Buffer.from(JSON.stringify(event), 'utf8');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event in a message body, or null when the body is not one of ours (it is then parked, not retried). */
export const decodeEvent = (body: Buffer): DomainEvent | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !isRecord(parsed['payload'])) return null;
  const { id, type, tenantId, occurredAt } = parsed;
  if (typeof id !== 'string' || typeof type !== 'string' || typeof tenantId !== 'string' || typeof occurredAt !== 'string') return null;
  const at = new Date(occurredAt);
  if (Number.isNaN(at.getTime())) return null;
  return { ...parsed, occurredAt: at } as unknown as DomainEvent;
};
