import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryStatus, WebhookDelivery } from '../../../core/webhooks/webhook.ts';
import { accessEpoch, newId } from '../../support/access-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const at = (ms: number) => new Date(accessEpoch.getTime() + ms);

/** A delivery of a fresh event, created at `createdMs`, in the given state. */
const aDelivery = (tenantId: string, webhookId: string, status: DeliveryStatus, createdMs: number): WebhookDelivery => ({
  id: newId(),
  tenantId,
  webhookId,
  eventId: `${String(Math.floor(Math.random() * 1e9)).padStart(12, '0')}.${tenantId}`,
  type: 'ticket.created',
  ticketId: newId(),
  sequence: 1,
  payload: '{}',
  status,
  attempts: status === 'pending' ? 0 : 1,
  lastStatusCode: status === 'delivered' ? 200 : null,
  lastError: status === 'failed' ? 'gave up' : null,
  nextAttemptAt: status === 'pending' ? at(createdMs) : null,
  firstAttemptAt: status === 'pending' ? null : at(createdMs),
  deliveredAt: status === 'delivered' ? at(createdMs + 10) : null,
  createdAt: at(createdMs),
});

export const webhookDeliveryPruneContract = (makeEnv: ContractEnvFactory): void => {
  describe('WebhookRepository.pruneDeliveries contract', () => {
    let env: ContractEnv;
    const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect);
    const add = (deliveries: ReadonlyArray<WebhookDelivery>) => run(env.uow.transaction((s) => s.webhooks.addDeliveries(deliveries)));
    const prune = (before: Date, limit = 100) => run(env.uow.transaction((s) => s.webhooks.pruneDeliveries(before, limit)));
    const kept = async (d: WebhookDelivery) => (await run(env.uow.read((s) => s.webhooks.delivery(d.tenantId, d.webhookId, d.id)))) !== null;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    it("drops delivered and failed deliveries created before the time, in every tenant; keeps pending ones and later ones", async () => {
      const [a, b] = [newId(), newId()];
      const [hookA, hookB] = [newId(), newId()];
      const gone = [aDelivery(a, hookA, 'delivered', 0), aDelivery(a, hookA, 'failed', 100), aDelivery(b, hookB, 'delivered', 200)];
      const stay = [aDelivery(a, hookA, 'pending', 0), aDelivery(a, hookA, 'delivered', 1000), aDelivery(b, hookB, 'failed', 1000), aDelivery(b, hookB, 'pending', 50)];
      await add([...gone, ...stay]);
      expect(await prune(at(1000))).toBe(3);
      for (const d of gone) expect(await kept(d)).toBe(false);
      for (const d of stay) expect(await kept(d)).toBe(true);
      expect(await prune(at(1000))).toBe(0);
      const list = await run(env.uow.read((s) => s.webhooks.deliveries(a, hookA, { limit: 10, after: null })));
      expect(list.items.map((d) => d.id).sort()).toEqual([stay[0]!.id, stay[1]!.id].sort());
    });

    it('drops at most the limit per call', async () => {
      const tenantId = newId();
      const hook = newId();
      await add(Array.from({ length: 5 }, (_, i) => aDelivery(tenantId, hook, 'delivered', i)));
      expect(await prune(at(100), 2)).toBe(2);
      expect(await prune(at(100), 2)).toBe(2);
      expect(await prune(at(100), 2)).toBe(1);
    });
  });
};
