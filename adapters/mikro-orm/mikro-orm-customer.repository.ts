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
import { queryRows, runStatement, sqlDate, textOrNull, type RawRow } from './sql-statements.ts';

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

const customerOfRaw = (row: RawRow): Customer => ({
  id: String(row['id']),
  tenantId: String(row['tenant_id']),
  name: String(row['name']),
  email: textOrNull(row['email']),
  phone: textOrNull(row['phone']),
  externalId: textOrNull(row['external_id']),
  createdAt: sqlDate(row['created_at']),
  updatedAt: sqlDate(row['updated_at']),
});

const insertCustomer =
  'insert into `customers` (`id`, `tenant_id`, `name`, `email`, `phone`, `external_id`, `created_at`, `updated_at`) values (?, ?, ?, ?, ?, ?, ?, ?)';

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
    // Hot (every channel message): hand-written, on `customers_external_id_unique`.
    const session = this.#session;
    const statement = () =>
      'select * from `customers` where `tenant_id` = ? and `external_id` = ? limit 1' + (options?.forUpdate === true && rowLock(session).lockMode ? ' for update' : '');
    return sql(() => queryRows(session, statement(), [tenantId, externalId])).pipe(Effect.map((rows) => (rows[0] === undefined ? null : customerOfRaw(rows[0]))));
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Customer>> {
    const after = afterNewestFirst(page.after);
    if (after === null) return Effect.succeed(emptyPage);
    return sql(() =>
      this.#session.em.find(CustomerEntity, { tenantId, ...after }, { ...fresh, orderBy: [...newestFirstOrder], limit: page.limit + 1 }),
    ).pipe(Effect.map((rows) => pageFrom(rows.map(toCustomer), page, newestFirstPosition)));
  }

  insert(customer: Customer): Stored<void, DuplicateKey> {
    const { id, tenantId, name, email, phone, externalId, createdAt, updatedAt } = customer;
    return sqlWrite('customers.id', () => runStatement(this.#session, insertCustomer, [id, tenantId, name, email, phone, externalId, createdAt, updatedAt])).pipe(
      Effect.asVoid,
    );
  }

  #one(query: () => Promise<CustomerRow | null>): Stored<Customer | null> {
    return sql(query).pipe(Effect.map((row) => (row ? toCustomer(row) : null)));
  }
}
