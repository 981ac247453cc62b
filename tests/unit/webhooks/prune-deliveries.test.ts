import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { deliveryRetentionMs, PruneDeliveriesUseCase } from '../../../core/webhooks/prune-deliveries.use-case.ts';
import type { DeliveryStatus, WebhookDelivery } from '../../../core/webhooks/webhook.ts';
import { newId } from '../../support/access-builders.ts';

const now = Date.parse('2026-12-07T12:00:00.000Z');
const day = 24 * 3600_000;

const delivery = (tenantId: string, status: DeliveryStatus, ageMs: number): WebhookDelivery => ({
  id: newId(),
  tenantId,
  webhookId: `hook-${tenantId}`,
  eventId: newId(),
  type: 'message.created',
  ticketId: null,
  sequence: null,
  payload: '{}',
  status,
  attempts: 1,
  lastStatusCode: null,
  lastError: null,
  nextAttemptAt: status === 'pending' ? new Date(now) : null,
  firstAttemptAt: new Date(now - ageMs),
  deliveredAt: status === 'delivered' ? new Date(now - ageMs) : null,
  createdAt: new Date(now - ageMs),
});

describe('PruneDeliveriesUseCase', () => {
  it('keeps deliveries a week; then drops delivered and failed ones of every tenant, in batches, and never a pending one', async () => {
    expect(deliveryRetentionMs).toBe(7 * day);
    const uow = new MemoryUnitOfWork();
    const [a, b] = [newId(), newId()];
    const old = [delivery(a, 'delivered', 7 * day + 1), delivery(a, 'failed', 8 * day), delivery(b, 'delivered', 30 * day), delivery(b, 'failed', 7 * day + 5)];
    const kept = [delivery(a, 'delivered', 7 * day - 1), delivery(a, 'pending', 9 * day), delivery(b, 'failed', day), delivery(b, 'pending', 20 * day)];
    await Effect.runPromise(uow.transaction((s) => s.webhooks.addDeliveries([...old, ...kept])));
    const prune = new PruneDeliveriesUseCase({ uow, clock: { now: () => new Date(now) }, batchSize: 3 });
    expect(await Effect.runPromise(prune.execute())).toBe(4);
    const left = async (d: WebhookDelivery) => Effect.runPromise(uow.read((s) => s.webhooks.delivery(d.tenantId, d.webhookId, d.id)));
    for (const d of old) expect(await left(d)).toBeNull();
    for (const d of kept) expect(await left(d)).toEqual(d);
    expect(await Effect.runPromise(prune.execute())).toBe(0);
  });
});
