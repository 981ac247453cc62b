import type { DuplicateKey, Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Role, User } from './user.ts';

/** Which users a list returns. */
export interface UserFilter {
  readonly role?: Role;
  readonly active?: boolean;
}

/**
 * Staff users. Unique keys: `users.email` (email, case-insensitive, within a tenant) and
 * `users.login_email` (email among users with a password, across every tenant).
 */
export interface UserRepository {
  /** The tenant's user, or null. */
  get(tenantId: string, id: string): Stored<User | null>;
  /** The tenant's user with this email (case-insensitive), or null. */
  findByEmail(tenantId: string, email: string): Stored<User | null>;
  /** The user who can log in with this email, in any tenant (case-insensitive). */
  findLoginByEmail(email: string): Stored<User | null>;
  /** Ordered by id (creation order). */
  list(tenantId: string, filter: UserFilter, page: PageRequest): Stored<Page<User>>;
  /** Stores a new user; `DuplicateKey` when the email is taken. */
  insert(user: User): Stored<void, DuplicateKey>;
  /** Replaces a stored user; `DuplicateKey` when the new email is taken. */
  update(user: User): Stored<void, DuplicateKey>;
  /** Records when the agent was last given a ticket; nothing else of the row changes (no-op for an unknown user). */
  touch(tenantId: string, id: string, lastAssignedAt: Date): Stored<void>;
}
