import { Effect } from 'effect';
import type { MemoryDatabase } from './memory-database.ts';
import type { TenantRepository } from '../../core/tenancy/tenant.port.ts';
import type { Tenant } from '../../core/tenancy/tenant.ts';
import { DuplicateKey } from '../../core/shared/errors.ts';

export class MemoryTenantRepository implements TenantRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  get(tenantId: string): Effect.Effect<Tenant | null> {
    return Effect.sync(() => this.#db.tenants.get(tenantId) ?? null);
  }

  insert(tenant: Tenant): Effect.Effect<void, DuplicateKey> {
    return Effect.suspend(() => {
      if (this.#db.tenants.get(tenant.id) !== undefined) return Effect.fail(new DuplicateKey({ key: 'tenants.id' }));
      this.#db.tenants.set(tenant.id, tenant);
      return Effect.void;
    });
  }

  update(tenant: Tenant): Effect.Effect<void> {
    return Effect.sync(() => {
      if (this.#db.tenants.get(tenant.id) !== undefined) this.#db.tenants.set(tenant.id, tenant);
    });
  }
}
