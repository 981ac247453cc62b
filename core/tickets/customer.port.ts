import type { DuplicateKey, Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Customer } from './customer.ts';

/** Customers. Unique key `customers.external_id`: (tenant, external_id). */
export interface CustomerRepository {
  /** The tenant's customer, or null. */
  get(tenantId: string, id: string): Stored<Customer | null>;
  /** With `forUpdate`, the row stays locked until the unit of work ends (serializes one customer's intake). */
  findByExternalId(tenantId: string, externalId: string, options?: { readonly forUpdate?: boolean }): Stored<Customer | null>;
  /** Newest first: created_at, then id, descending. */
  list(tenantId: string, page: PageRequest): Stored<Page<Customer>>;
  /** Stores a new customer; `DuplicateKey` when its external id is taken. */
  insert(customer: Customer): Stored<void, DuplicateKey>;
}
