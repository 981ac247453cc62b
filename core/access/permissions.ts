import { Effect } from 'effect';
import { Forbidden } from '../shared/errors.ts';
import type { Actor } from '../shared/actor.ts';
import type { Role } from './user.ts';

/** Everything the role table of the HTTP contract distinguishes. */
export const actions = [
  'tickets.read',
  'customers.read',
  'messages.read',
  'users.read',
  'customers.create',
  'tickets.create',
  'tickets.assign',
  'tickets.change_status',
  'messages.post',
  'users.manage',
  'channels.manage',
  'settings.manage',
  'integrations.manage',
  'webhooks.manage',
  'allocation.view',
  'reports.view',
  'availability.set_own',
] as const;
/** Something a role may or may not do (see `permissionMatrix`). */
export type Action = (typeof actions)[number];

/** The role table as data. `own` means: only on tickets assigned to the actor (checked after the ticket is found). */
export const permissionMatrix: Readonly<Record<Action, Readonly<Record<Role, 'yes' | 'no' | 'own'>>>> = {
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

/** The role check, answered before anything is loaded: 'own' passes here and is settled by `mayActOn`. */
export const mayAttempt = (actor: Pick<Actor, 'role'>, action: Action): boolean =>
  permissionMatrix[action][actor.role] !== 'no';

/** The ownership check for a loaded ticket: 'own' allows only the ticket's assignee. */
export const mayActOn = (
  actor: Pick<Actor, 'role' | 'userId'>,
  action: Action,
  ticket: { readonly assignedAgentId: string | null },
): boolean => {
  const rule = permissionMatrix[action][actor.role];
  return rule === 'yes' || (rule === 'own' && ticket.assignedAgentId === actor.userId);
};

/** The role check as an effect: fails with `Forbidden` when the role may never do this. */
export const authorize = (actor: Pick<Actor, 'role'>, action: Action): Effect.Effect<void, Forbidden> =>
  mayAttempt(actor, action) ? Effect.void : Effect.fail(new Forbidden({ action }));
