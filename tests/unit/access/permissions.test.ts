import { Effect, Exit } from 'effect';
import { describe, expect, it } from 'vitest';
import { actions, authorize, mayActOn, mayAttempt, type Action } from '../../../core/access/permissions.ts';
import { roles, type Role } from '../../../core/access/user.ts';
import { Forbidden } from '../../../core/shared/errors.ts';

// The role table of API.md, restated by hand so the matrix in code is checked against the contract.
const expected: Record<Action, Record<Role, 'yes' | 'no' | 'own'>> = {
  'tickets.read': { admin: 'yes', agent: 'yes' },
  'customers.read': { admin: 'yes', agent: 'yes' },
  'messages.read': { admin: 'yes', agent: 'yes' },
  'users.read': { admin: 'yes', agent: 'yes' },
  'customers.create': { admin: 'yes', agent: 'yes' },
  'tickets.create': { admin: 'yes', agent: 'no' },
  'tickets.assign': { admin: 'yes', agent: 'no' },
  'tickets.change_status': { admin: 'yes', agent: 'own' },
  'messages.post': { admin: 'yes', agent: 'yes' },
  'users.manage': { admin: 'yes', agent: 'no' },
  'channels.manage': { admin: 'yes', agent: 'no' },
  'settings.manage': { admin: 'yes', agent: 'no' },
  'integrations.manage': { admin: 'yes', agent: 'no' },
  'webhooks.manage': { admin: 'yes', agent: 'no' },
  'allocation.view': { admin: 'yes', agent: 'no' },
  'reports.view': { admin: 'yes', agent: 'no' },
  'availability.set_own': { admin: 'yes', agent: 'yes' },
};

const cases = actions.flatMap((action) => roles.map((role) => ({ action, role, rule: expected[action][role] })));

describe('permission matrix', () => {
  it('covers exactly the actions of the contract', () => {
    expect([...actions].sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(cases)('$role / $action is $rule', ({ action, role, rule }) => {
    const actor = { role, userId: 'me' };
    const exit = Effect.runSyncExit(authorize(actor, action));
    expect(mayAttempt(actor, action)).toBe(rule !== 'no');
    if (rule === 'no') expect(exit).toEqual(Exit.fail(new Forbidden({ action })));
    else expect(Exit.isSuccess(exit)).toBe(true);
    expect(mayActOn(actor, action, { assignedAgentId: 'me' })).toBe(rule !== 'no');
    expect(mayActOn(actor, action, { assignedAgentId: 'someone-else' })).toBe(rule === 'yes');
    expect(mayActOn(actor, action, { assignedAgentId: null })).toBe(rule === 'yes');
  });
});
