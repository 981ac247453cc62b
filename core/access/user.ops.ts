import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';
import { emailMaxLength, hasCodePointsWithin, isEmailShaped } from '../shared/text.ts';
import type { Availability, Role, User } from './user.ts';

export const nameMaxLength = 200;
export { emailMaxLength };
export const maxCustomersLimit = 1000;

/** The fields an admin may change on a user; the password arrives already hashed. */
export interface UserChanges {
  readonly name?: string;
  readonly role?: Role;
  readonly active?: boolean;
  readonly maxCustomers?: number | null;
  readonly passwordHash?: string;
}

export interface NewUserFields {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string | null;
}

const invalid = (path: string, message: string) => Result.fail(new InvalidInput({ path, message }));

export const checkName = (name: string): Result.Result<string, InvalidInput> =>
  !hasCodePointsWithin(name, 1, nameMaxLength) || name.trim().length === 0
    ? invalid('name', `must be 1 to ${nameMaxLength} characters and not blank`)
    : Result.succeed(name);

export const checkEmail = (email: string): Result.Result<string, InvalidInput> =>
  isEmailShaped(email)
    ? Result.succeed(email)
    : invalid('email', 'must be an email address');

export const checkMaxCustomers = (value: number | null): Result.Result<number | null, InvalidInput> =>
  value === null || (Number.isInteger(value) && value >= 0 && value <= maxCustomersLimit)
    ? Result.succeed(value)
    : invalid('max_customers', `must be an integer from 0 to ${maxCustomersLimit}, or null`);

/** A new staff user: active, offline, on the tenant's default capacity. */
export const createUser = (fields: NewUserFields, now: Date): Result.Result<User, InvalidInput> =>
  Result.gen(function* () {
    const email = yield* checkEmail(fields.email);
    const name = yield* checkName(fields.name);
    return {
      id: fields.id,
      tenantId: fields.tenantId,
      email,
      name,
      role: fields.role,
      passwordHash: fields.passwordHash,
      active: true,
      availability: 'offline' as const,
      maxCustomers: null,
      lastAssignedAt: null,
      createdAt: now,
      updatedAt: now,
    };
  });

export const checkUserChanges = (changes: UserChanges): Result.Result<UserChanges, InvalidInput> =>
  Result.gen(function* () {
    if (changes.name !== undefined) yield* checkName(changes.name);
    if (changes.maxCustomers !== undefined) yield* checkMaxCustomers(changes.maxCustomers);
    return changes;
  });

/** An admin's change; availability and the allocator's bookkeeping are never touched here. */
export const updateUser = (user: User, changes: UserChanges, now: Date): Result.Result<User, InvalidInput> =>
  Result.map(checkUserChanges(changes), (c) => ({
    ...user,
    name: c.name ?? user.name,
    role: c.role ?? user.role,
    active: c.active ?? user.active,
    maxCustomers: c.maxCustomers === undefined ? user.maxCustomers : c.maxCustomers,
    passwordHash: c.passwordHash ?? user.passwordHash,
    updatedAt: now,
  }));

/** The user's own switch; it changes availability only. */
export const setAvailability = (user: User, availability: Availability, now: Date): User =>
  user.availability === availability ? user : { ...user, availability, updatedAt: now };

/** Whether the allocator must reconsider this user: allocatable state or capacity moved. */
export const allocationChanged = (before: User, after: User): boolean =>
  before.active !== after.active || before.maxCustomers !== after.maxCustomers || before.role !== after.role;

/** Whether the change must end the user's refresh-token families. */
export const endsSessions = (before: User, after: User): boolean =>
  (before.active && !after.active) || before.passwordHash !== after.passwordHash;
