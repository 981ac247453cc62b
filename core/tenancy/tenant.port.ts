import type { DuplicateKey, Stored } from '../shared/errors.ts';
import type { Tenant } from './tenant.ts';

/** Tenants, by id. */
export interface TenantRepository {
  /** The tenant, or null. */
  get(tenantId: string): Stored<Tenant | null>;
  /** Stores a new tenant. */
  insert(tenant: Tenant): Stored<void, DuplicateKey>;
  /** Replaces a stored tenant. */
  update(tenant: Tenant): Stored<void>;
}
