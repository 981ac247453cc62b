import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import {
  allocationChanged,
  checkMaxCustomers,
  createUser,
  endsSessions,
  setAvailability,
  updateUser,
} from '../../../core/access/user.ops.ts';
import { canLogin } from '../../../core/access/user.ts';
import { accessEpoch, aUser, newId } from '../../support/access-builders.ts';

const later = new Date(accessEpoch.getTime() + 60_000);
const ok = <A, E>(result: Result.Result<A, E>): A => Result.getOrThrow(result);
const failurePath = <A>(result: Result.Result<A, { path: string }>): string | null =>
  Result.isFailure(result) ? result.failure.path : null;

describe('createUser', () => {
  const fields = { id: newId(), tenantId: newId(), email: 'Ann@Example.test', name: 'Ann 🙂', role: 'agent' as const, passwordHash: 'h' };

  it('makes an active, offline user on the default capacity, email kept as given', () => {
    const user = ok(createUser(fields, accessEpoch));
    expect(user).toEqual({
      ...fields, active: true, availability: 'offline', maxCustomers: null, lastAssignedAt: null,
      createdAt: accessEpoch, updatedAt: accessEpoch,
    });
    expect(canLogin(user)).toBe(true);
  });

  it('never carries fields it was not given', () => {
    const user = ok(createUser({ ...fields, password: 'plain text' } as typeof fields, accessEpoch));
    expect(user).not.toHaveProperty('password');
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['email', { email: 'two words@example.test' }],
    ['name', { name: '   ' }],
    ['name', { name: 'n'.repeat(201) }],
  ])('refuses a bad %s', (path, patch) => {
    expect(failurePath(createUser({ ...fields, ...patch }, accessEpoch))).toBe(path);
  });
});

describe('updateUser', () => {
  const user = aUser().agent().online().withMaxCustomers(3).build();

  it('changes only the fields given and stamps the time', () => {
    const updated = ok(updateUser(user, { name: 'New Name', maxCustomers: null }, later));
    expect(updated).toEqual({ ...user, name: 'New Name', maxCustomers: null, updatedAt: later });
  });

  it('keeps max_customers when it is absent, and takes 0 as "never allocated"', () => {
    expect(ok(updateUser(user, { active: false }, later)).maxCustomers).toBe(3);
    expect(ok(updateUser(user, { maxCustomers: 0 }, later)).maxCustomers).toBe(0);
  });

  it('never touches availability', () => {
    expect(ok(updateUser(user, { active: false, role: 'admin' }, later)).availability).toBe('online');
  });

  it.each([-1, 1001, 2.5, Number.NaN])('refuses max_customers %s', (value) => {
    expect(failurePath(updateUser(user, { maxCustomers: value }, later))).toBe('max_customers');
  });

  it('accepts the bounds 0 and 1000', () => {
    expect(Result.isSuccess(checkMaxCustomers(0)) && Result.isSuccess(checkMaxCustomers(1000))).toBe(true);
  });

  it('refuses a blank name', () => {
    expect(failurePath(updateUser(user, { name: '' }, later))).toBe('name');
  });

  it('says when sessions must end: deactivation or a new password', () => {
    expect(endsSessions(user, ok(updateUser(user, { active: false }, later)))).toBe(true);
    expect(endsSessions(user, ok(updateUser(user, { passwordHash: 'other' }, later)))).toBe(true);
    expect(endsSessions(user, ok(updateUser(user, { name: 'x', active: true }, later)))).toBe(false);
  });

  it('says when the allocator must look again: active, capacity or role', () => {
    expect(allocationChanged(user, ok(updateUser(user, { active: false }, later)))).toBe(true);
    expect(allocationChanged(user, ok(updateUser(user, { maxCustomers: 5 }, later)))).toBe(true);
    expect(allocationChanged(user, ok(updateUser(user, { role: 'admin' }, later)))).toBe(true);
    expect(allocationChanged(user, ok(updateUser(user, { name: 'x', maxCustomers: 3 }, later)))).toBe(false);
  });
});

describe('setAvailability', () => {
  it('changes availability and nothing else', () => {
    const user = aUser().admin().build();
    expect(setAvailability(user, 'online', later)).toEqual({ ...user, availability: 'online', updatedAt: later });
  });

  it('returns the same user when nothing changes', () => {
    const user = aUser().online().build();
    expect(setAvailability(user, 'online', later)).toBe(user);
  });
});
