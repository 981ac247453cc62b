import type { DuplicateKey, Stored } from '../shared/errors.ts';
import type { Tenant } from './tenant.ts';

export interface TenantRepository {
  get(tenantId: string): Stored<Tenant | null>;
  insert(tenant: Tenant): Stored<void, DuplicateKey>;
  update(tenant: Tenant): Stored<void>;
}
