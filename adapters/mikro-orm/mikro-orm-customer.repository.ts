import { Effect } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { DuplicateKey, Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Customer } from '../../core/tickets/customer.ts';
import type { CustomerRepository } from '../../core/tickets/customer.port.ts';
import { CustomerEntity } from './schema/entities.ts';
import { sql, sqlWrite } from './sql-effect.ts';
import { afterNewestFirst, emptyPage, newestFirstOrder, newestFirstPosition, pageFrom } from './sql-page.ts';
import { fresh, rowLock, type SqlSession } from './sql-session.ts';

type CustomerRow = InferEntity<typeof CustomerEntity>;

const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  tenantId: row.tenantId,
  name: row.name,
  email: row.email ?? null,
  phone: row.phone ?? null,
  externalId: row.externalId ?? null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export class MikroOrmCustomerRepository implements CustomerRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  get(tenantId: string, id: string): Stored<Customer | null> {
    return this.#one(() => this.#session.em.findOne(CustomerEntity, { tenantId, id }, fresh));
  }

  findByExternalId(tenantId: string, externalId: string, options?: { readonly forUpdate?: boolean }): Stored<Customer | null> {
    // The lock mode is decided when the statement runs, inside the caller's transaction.
    return this.#one(() =>
      this.#session.em.findOne(CustomerEntity, { tenantId, externalId }, { ...fresh, ...(options?.forUpdate === true ? rowLock(this.#session) : {}) }),
    );
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Customer>> {
    const after = afterNewestFirst(page.after);
    if (after === null) return Effect.succeed(emptyPage);
    return sql(() =>
      this.#session.em.find(CustomerEntity, { tenantId, ...after }, { ...fresh, orderBy: [...newestFirstOrder], limit: page.limit + 1 }),
    ).pipe(Effect.map((rows) => pageFrom(rows.map(toCustomer), page, newestFirstPosition)));
  }

  insert(customer: Customer): Stored<void, DuplicateKey> {
    return sqlWrite('customers.id', () => this.#session.em.insert(CustomerEntity, { ...customer })).pipe(Effect.asVoid);
  }

  #one(query: () => Promise<CustomerRow | null>): Stored<Customer | null> {
    return sql(query).pipe(Effect.map((row) => (row ? toCustomer(row) : null)));
  }
}
