import { Effect } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { UserFilter, UserRepository } from '../../core/access/user.port.ts';
import { emailKey, type User } from '../../core/access/user.ts';
import type { DuplicateKey, Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { UserEntity } from './schema/entities.ts';
import { sql, sqlWrite } from './sql-effect.ts';
import { pageFrom } from './sql-page.ts';
import { fresh, type SqlSession } from './sql-session.ts';
import { queryRows, runDeferrable, sqlBoolean, sqlDate, sqlDateOrNull, textOrNull, type RawRow } from './sql-statements.ts';

type UserRow = InferEntity<typeof UserEntity>;

export const toUser = (row: UserRow): User => ({
  id: row.id,
  tenantId: row.tenantId,
  email: row.email,
  name: row.name,
  role: row.role as User['role'],
  active: row.active,
  availability: row.availability as User['availability'],
  maxCustomers: row.maxCustomers ?? null,
  passwordHash: row.passwordHash ?? null,
  lastAssignedAt: row.lastAssignedAt ?? null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** A `select *` row of `users` as the driver returns it. */
export const userOfRaw = (row: RawRow): User => ({
  id: String(row['id']),
  tenantId: String(row['tenant_id']),
  email: String(row['email']),
  name: String(row['name']),
  role: row['role'] as User['role'],
  active: sqlBoolean(row['active']),
  availability: row['availability'] as User['availability'],
  maxCustomers: row['max_customers'] === null || row['max_customers'] === undefined ? null : Number(row['max_customers']),
  passwordHash: textOrNull(row['password_hash']),
  lastAssignedAt: sqlDateOrNull(row['last_assigned_at']),
  createdAt: sqlDate(row['created_at']),
  updatedAt: sqlDate(row['updated_at']),
});

// Every authenticated request runs this one.
const selectUser = 'select * from `users` where `tenant_id` = ? and `id` = ? limit 1';

const toRow = (user: User): UserRow => ({
  ...user,
  emailKey: emailKey(user.email),
  loginEmailKey: user.passwordHash === null ? null : emailKey(user.email),
});

export class MikroOrmUserRepository implements UserRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  get(tenantId: string, id: string): Stored<User | null> {
    return sql(() => queryRows(this.#session, selectUser, [tenantId, id])).pipe(
      Effect.map((rows) => (rows[0] === undefined ? null : userOfRaw(rows[0]))),
    );
  }

  findByEmail(tenantId: string, email: string): Stored<User | null> {
    return this.#one(() => this.#session.em.findOne(UserEntity, { tenantId, emailKey: emailKey(email) }, fresh));
  }

  findLoginByEmail(email: string): Stored<User | null> {
    return this.#one(() => this.#session.em.findOne(UserEntity, { loginEmailKey: emailKey(email) }, fresh));
  }

  list(tenantId: string, filter: UserFilter, page: PageRequest): Stored<Page<User>> {
    const where = {
      tenantId,
      ...(filter.role === undefined ? {} : { role: filter.role }),
      ...(filter.active === undefined ? {} : { active: filter.active }),
      ...(page.after === null ? {} : { id: { $gt: page.after } }),
    };
    return sql(() => this.#session.em.find(UserEntity, where, { ...fresh, orderBy: { id: 'asc' }, limit: page.limit + 1 })).pipe(
      Effect.map((rows) => pageFrom(rows.map(toUser), page, (user) => user.id)),
    );
  }

  insert(user: User): Stored<void, DuplicateKey> {
    return sqlWrite('users.id', () => this.#session.em.insert(UserEntity, toRow(user))).pipe(Effect.asVoid);
  }

  update(user: User): Stored<void, DuplicateKey> {
    const { id, tenantId, createdAt: _, ...changes } = toRow(user);
    return sqlWrite('users.id', () => this.#session.em.nativeUpdate(UserEntity, { tenantId, id }, changes)).pipe(Effect.asVoid);
  }

  // Deferred: on MySQL it travels with the COMMIT (nothing in the unit reads it back).
  touch(tenantId: string, id: string, lastAssignedAt: Date): Stored<void> {
    const statement = 'update `users` set `last_assigned_at` = ? where `tenant_id` = ? and `id` = ?';
    return sql(() => runDeferrable(this.#session, statement, [lastAssignedAt, tenantId, id]));
  }

  #one(query: () => Promise<UserRow | null>): Stored<User | null> {
    return sql(query).pipe(Effect.map((row) => (row ? toUser(row) : null)));
  }
}
