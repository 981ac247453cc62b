import { Effect } from 'effect';
import { isWaiting } from '../../core/allocation/allocation.policy.ts';
import { nextDueAt } from '../../core/sla/ticket-sla.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { TenantDirectory } from '../../core/tenancy/tenant-directory.port.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class MemoryTenantDirectory implements TenantDirectory {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  hasAny(): Stored<boolean> {
    return Effect.sync(() => !this.#db.tenants.values().next().done);
  }

  withWaitingTickets(): Stored<ReadonlyArray<string>> {
    return Effect.sync(() => [...new Set([...this.#db.tickets.values()].filter(isWaiting).map((t) => t.tenantId))].sort());
  }

  withSlaDue(now: Date): Stored<ReadonlyArray<string>> {
    return Effect.sync(() => {
      const due = [...this.#db.tickets.values()].filter((t) => (nextDueAt(t)?.getTime() ?? Infinity) <= now.getTime());
      return [...new Set(due.map((t) => t.tenantId))].sort();
    });
  }
}
