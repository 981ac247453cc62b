import { Effect } from 'effect';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';
import { standardWebhookSigner } from '../../adapters/crypto/standard-webhooks.ts';
import { isPublicEventType } from '../../core/events/envelope.ts';
import { coalesceByKey } from '../../core/shared/coalesce.ts';
import type { OutboundHttp } from '../../core/shared/outbound.port.ts';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { DeliverWebhooksUseCase } from '../../core/webhooks/deliver-webhooks.use-case.ts';
import { FanOutWebhooksUseCase } from '../../core/webhooks/fan-out-webhooks.use-case.ts';
import type { EventHandler } from '../../core/shared/outbox.port.ts';
import { SweepWake, type SweepJob } from './sweep-job.ts';

export interface WebhookJobDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The guarded client (outbound URL rule at every call). */
  readonly outbound: OutboundHttp;
  readonly random?: () => number;
  /** Per attempt; API.md's 10 s unless a test shortens it. */
  readonly timeoutMs?: number;
  readonly logger?: JobLogger;
}

/** How often the sweep looks for due retries and endpoints behind their tenant's events. */
export const webhookSweepMs = 2_000;
/** Batches of deliveries one sweep sends at most, so a long backlog cannot hold it forever. */
const maxBatchesPerSweep = 50;

export interface WebhookJobs {
  /** On each public event: its deliveries are created, then the sweep is woken to send them; a redelivery request only wakes it. */
  readonly handler: EventHandler;
  readonly sweep: SweepJob;
}

/**
 * Outbound webhooks as jobs: the handler fans an event out to its tenant's endpoints; the sweep (woken
 * by the handler when that added deliveries, and every 2 s for retries and anything a handler missed) fans out lagging tenants
 * and sends due deliveries until none is left.
 */
export const webhookJobs = (deps: WebhookJobDeps): WebhookJobs => {
  const fanOut = new FanOutWebhooksUseCase(deps);
  const deliver = new DeliverWebhooksUseCase({ ...deps, signer: standardWebhookSigner, random: deps.random ?? Math.random });
  const coalesced = coalesceByKey();
  const wake = new SweepWake();
  let again = false;
  const sweepOnce = Effect.gen(function* () {
    for (const tenantId of yield* deps.uow.read((store) => store.webhooks.tenantsBehind(100))) yield* fanOut.execute(tenantId);
    let attempted = 0;
    let delivered = 0;
    for (let batch = 0; batch < maxBatchesPerSweep; batch++) {
      const report = yield* deliver.execute();
      attempted += report.attempted;
      delivered += report.delivered;
      if (report.attempted === 0) break;
    }
    return { attempted, delivered };
  });
  return {
    handler: {
      name: 'webhooks',
      handles: (event) => isPublicEventType(event.type) || event.type === 'webhook.redelivery_requested',
      // The sweep is woken only when the fan-out added deliveries (or a redelivery was asked for): a tenant without endpoints costs one read per event, not a sweep.
      handle: (event) => {
        const wakeIf = (added: number) =>
          Effect.sync(() => {
            if (added === 0) return;
            again = true;
            wake.notify();
          });
        return event.type === 'webhook.redelivery_requested' ? wakeIf(1) : coalesced(event.tenantId, fanOut.execute(event.tenantId).pipe(Effect.flatMap(wakeIf)));
      },
    },
    sweep: {
      name: 'webhook-deliveries',
      intervalMs: webhookSweepMs,
      wake,
      sweep: async () => {
        let report = { attempted: 0, delivered: 0 };
        // A wake while a pass runs makes one more pass: what it asked for is never left to the next tick.
        do {
          again = false;
          const pass = await Effect.runPromise(sweepOnce);
          report = { attempted: report.attempted + pass.attempted, delivered: report.delivered + pass.delivered };
        } while (again);
        if (report.attempted > 0) deps.logger?.info({ ...report }, 'webhook deliveries attempted');
        return report;
      },
    },
  };
};
