import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { OutboundHttp, OutboundResult } from '../shared/outbound.port.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { afterAttempt } from './delivery-attempt.ts';
import { healthAfter } from './delivery-schedule.ts';
import type { Webhook, WebhookDelivery } from './webhook.ts';
import type { WebhookSigner } from './webhook.port.ts';
import { signingSecrets } from './webhook.ops.ts';

/** API.md: a 2xx within 10 s is a delivery; the answer is read up to 64 KiB. */
export const deliveryTimeoutMs = 10_000;
export const maxAnswerBytes = 64 * 1024;
export const disabledReason = 'endpoint disabled after 3 days of failures';

export interface DeliverDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Checks every URL against the outbound rule, connects to the checked address, never follows redirects. */
  readonly outbound: OutboundHttp;
  readonly signer: WebhookSigner;
  /** Uniform in [0, 1): the retries' jitter. */
  readonly random: () => number;
  /** Deliveries claimed (and sent side by side) per batch (default 20). */
  readonly batchSize?: number;
  /** How long a claim holds; well over the timeout, so only a dead worker's claims expire (default 60 s). */
  readonly leaseMs?: number;
  /** The whole attempt's limit (default 10 s, API.md's). */
  readonly timeoutMs?: number;
}

export interface DeliverReport {
  readonly attempted: number;
  readonly delivered: number;
}

/**
 * One batch of due deliveries: claims them (a lease in the store, so several workers share the work
 * and a killed one's claims come back), sends each signed envelope, and writes the outcome only while
 * the lease holds. Disables an endpoint whose attempts have failed for 3 days.
 */
export class DeliverWebhooksUseCase {
  readonly #deps: DeliverDeps;

  constructor(deps: DeliverDeps) {
    this.#deps = deps;
  }

  execute(): Effect.Effect<DeliverReport, StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    const now = clock.now();
    const lease = { token: ids.next(), until: new Date(now.getTime() + (this.#deps.leaseMs ?? 60_000)) };
    return uow.transaction((store) => store.webhooks.claimDue(now, this.#deps.batchSize ?? 20, lease)).pipe(
      Effect.flatMap((claimed) => Effect.forEach(claimed, (d) => this.#attempt(d, lease.token), { concurrency: 'unbounded' })),
      Effect.map((outcomes) => ({ attempted: outcomes.length, delivered: outcomes.filter((o) => o === 'delivered').length })),
    );
  }

  #attempt(delivery: WebhookDelivery, token: string): Effect.Effect<WebhookDelivery['status'], StoreUnavailable> {
    const { uow, clock, random } = this.#deps;
    const send = this.#send.bind(this);
    return Effect.gen(function* () {
      const webhook = yield* uow.read((store) => store.webhooks.get(delivery.tenantId, delivery.webhookId));
      // Deactivated (or deleted) since the claim: nothing is sent.
      if (webhook === null || !webhook.active) return 'failed';
      const startedAt = clock.now();
      const result = yield* send(webhook, delivery, startedAt);
      const next = afterAttempt(delivery, result, clock.now(), random());
      yield* uow.transaction((store) =>
        Effect.gen(function* () {
          if (!(yield* store.webhooks.settle(next, token))) return;
          const current = yield* store.webhooks.get(webhook.tenantId, webhook.id);
          if (current === null || !current.active) return;
          const health = healthAfter(current.failingSince, next.status === 'delivered', startedAt);
          if (health.failingSince?.getTime() === current.failingSince?.getTime() && !health.disable) return;
          yield* store.webhooks.setHealth(current.tenantId, current.id, health, startedAt);
          if (health.disable) yield* store.webhooks.failPending(current.tenantId, current.id, disabledReason, startedAt);
        }),
      );
      return next.status;
    });
  }

  #send(webhook: Webhook, delivery: WebhookDelivery, now: Date): Effect.Effect<OutboundResult> {
    const { outbound, signer } = this.#deps;
    const body = new TextEncoder().encode(delivery.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Switchboard-Webhooks/1',
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signer.sign(signingSecrets(webhook, now), delivery.eventId, timestamp, body),
    };
    const request = { url: webhook.url, method: 'POST', headers, body, timeoutMs: this.#deps.timeoutMs ?? deliveryTimeoutMs, maxBodyBytes: maxAnswerBytes, keepPartialBody: true } as const;
    return Effect.tryPromise(() => outbound.send(request)).pipe(
      Effect.catch((error) => Effect.succeed<OutboundResult>({ kind: 'failed', reason: String(error), timedOut: false, tooLarge: false })),
    );
  }
}
