import { Effect } from 'effect';
import type { MemoryDatabase } from './memory-database.ts';
import { pageOf } from './memory-page.ts';
import type { UserFilter, UserRepository } from '../../core/access/user.port.ts';
import { emailKey, type User } from '../../core/access/user.ts';
import { DuplicateKey } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';

export class MemoryUserRepository implements UserRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  get(tenantId: string, id: string): Effect.Effect<User | null> {
    return Effect.sync(() => {
      const user = this.#db.users.get(id);
      return user !== undefined && user.tenantId === tenantId ? user : null;
    });
  }

  findByEmail(tenantId: string, email: string): Effect.Effect<User | null> {
    const key = emailKey(email);
    return Effect.sync(() => this.#find((u) => u.tenantId === tenantId && emailKey(u.email) === key));
  }

  findLoginByEmail(email: string): Effect.Effect<User | null> {
    const key = emailKey(email);
    return Effect.sync(() => this.#find((u) => u.passwordHash !== null && emailKey(u.email) === key));
  }

  list(tenantId: string, filter: UserFilter, page: PageRequest): Effect.Effect<Page<User>> {
    return Effect.sync(() => {
      const rows = [...this.#db.users.values()]
        .filter((u) => u.tenantId === tenantId)
        .filter((u) => filter.role === undefined || u.role === filter.role)
        .filter((u) => filter.active === undefined || u.active === filter.active)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return pageOf(rows, page, (u) => u.id, (u, position) => u.id > position);
    });
  }

  insert(user: User): Effect.Effect<void, DuplicateKey> {
    return Effect.suspend(() => {
      if (this.#db.users.get(user.id) !== undefined) return Effect.fail(new DuplicateKey({ key: 'users.id' }));
      return this.#write(user);
    });
  }

  update(user: User): Effect.Effect<void, DuplicateKey> {
    return Effect.suspend(() => {
      const stored = this.#db.users.get(user.id);
      return stored === undefined || stored.tenantId !== user.tenantId ? Effect.void : this.#write(user);
    });
  }

  touch(tenantId: string, id: string, lastAssignedAt: Date): Effect.Effect<void> {
    return Effect.sync(() => {
      const stored = this.#db.users.get(id);
      if (stored !== undefined && stored.tenantId === tenantId) this.#db.users.set(id, { ...stored, lastAssignedAt });
    });
  }

  #write(user: User): Effect.Effect<void, DuplicateKey> {
    const key = emailKey(user.email);
    const others = [...this.#db.users.values()].filter((u) => u.id !== user.id && emailKey(u.email) === key);
    if (others.some((u) => u.tenantId === user.tenantId)) return Effect.fail(new DuplicateKey({ key: 'users.email' }));
    if (user.passwordHash !== null && others.some((u) => u.passwordHash !== null)) {
      return Effect.fail(new DuplicateKey({ key: 'users.login_email' }));
    }
    this.#db.users.set(user.id, user);
    return Effect.void;
  }

  #find(match: (user: User) => boolean): User | null {
    for (const user of this.#db.users.values()) if (match(user)) return user;
    return null;
  }
}
