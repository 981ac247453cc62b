import { Effect } from 'effect';
import { DuplicateKey, type Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Customer } from '../../core/tickets/customer.ts';
import type { CustomerRepository } from '../../core/tickets/customer.port.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { newestFirst, pageOf } from './memory-page.ts';

export class MemoryCustomerRepository implements CustomerRepository {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  get(tenantId: string, id: string): Stored<Customer | null> {
    return Effect.sync(() => {
      const customer = this.#db.customers.get(id);
      return customer !== undefined && customer.tenantId === tenantId ? customer : null;
    });
  }

  findByExternalId(tenantId: string, externalId: string): Stored<Customer | null> {
    return Effect.sync(() => this.#find(tenantId, externalId));
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Customer>> {
    return Effect.sync(() => {
      const rows = [...this.#db.customers.values()].filter((c) => c.tenantId === tenantId).sort(newestFirst.compare);
      return pageOf(rows, page, newestFirst.positionOf, newestFirst.isAfter);
    });
  }

  insert(customer: Customer): Stored<void, DuplicateKey> {
    return Effect.suspend(() => {
      if (this.#db.customers.get(customer.id) !== undefined) return Effect.fail(new DuplicateKey({ key: 'customers.id' }));
      if (customer.externalId !== null && this.#find(customer.tenantId, customer.externalId) !== null) {
        return Effect.fail(new DuplicateKey({ key: 'customers.external_id' }));
      }
      this.#db.customers.set(customer.id, customer);
      return Effect.void;
    });
  }

  #find(tenantId: string, externalId: string): Customer | null {
    for (const customer of this.#db.customers.values()) {
      if (customer.tenantId === tenantId && customer.externalId === externalId) return customer;
    }
    return null;
  }
}
