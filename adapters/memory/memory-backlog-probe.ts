import { Effect } from 'effect';
import { isWaiting } from '../../core/allocation/allocation.policy.ts';
import { withEmptyLanes, type BacklogProbe, type OutboxBacklog, type QueueBacklog } from '../../core/shared/backlog-probe.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { MemoryDatabase } from './memory-database.ts';

const earlier = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null || a <= b ? a : b);

export class MemoryBacklogProbe implements BacklogProbe {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  queues(perTenant: boolean): Stored<ReadonlyArray<QueueBacklog>> {
    return Effect.sync(() => {
      const groups = new Map<string, QueueBacklog>();
      for (const ticket of this.#db.tickets.values()) {
        if (!isWaiting(ticket)) continue;
        const lane = ticket.channel === 'qiscus' ? 'platform' : 'native';
        const tenantId = perTenant ? ticket.tenantId : null;
        const key = `${lane}|${tenantId ?? ''}`;
        const seen = groups.get(key);
        groups.set(key, { lane, tenantId, waiting: (seen?.waiting ?? 0) + 1, oldestQueuedAt: earlier(seen?.oldestQueuedAt ?? null, ticket.queuedAt) });
      }
      return withEmptyLanes([...groups.values()]);
    });
  }

  outbox(): Stored<OutboxBacklog> {
    return Effect.sync(() => {
      let unpublished = 0;
      let oldest: Date | null = null;
      for (const row of this.#db.outbox.values()) {
        if (row.publishedAt !== null) continue;
        unpublished += 1;
        oldest = earlier(oldest, row.event.occurredAt);
      }
      return { unpublished, oldestOccurredAt: oldest };
    });
  }
}
