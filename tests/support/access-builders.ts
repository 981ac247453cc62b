import { createHash } from 'node:crypto';
import { v7 } from 'uuid';
import type { RefreshToken } from '../../core/access/refresh-token.ts';
import type { Availability, Role, User } from '../../core/access/user.ts';
import type { Actor } from '../../core/shared/actor.ts';
import type { Clock } from '../../core/shared/ports.ts';
import type { Tenant, TenantSettings } from '../../core/tenancy/tenant.ts';

export const accessEpoch = new Date('2031-03-01T09:00:00.000Z');

export const newId = (): string => v7();

/** An email no other test uses (login emails are unique across tenants). */
export const uniqueEmail = (label = 'user'): string => `${label}-${v7()}@example.test`;

/** A clock that stands still until told to move. */
export const manualClock = (start: Date = accessEpoch) => {
  let ms = start.getTime();
  return {
    now: (): Date => new Date(ms),
    advance: (seconds: number): void => {
      ms += seconds * 1000;
    },
  } satisfies Clock & { advance(seconds: number): void };
};

export const aTenantNamed = (name = 'Acme') => {
  let tenant: Tenant = { id: newId(), name, settings: { maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null }, createdAt: accessEpoch, updatedAt: accessEpoch };
  const builder = {
    withId: (id: string) => ((tenant = { ...tenant, id }), builder),
    withSettings: (settings: TenantSettings) => ((tenant = { ...tenant, settings }), builder),
    build: (): Tenant => tenant,
  };
  return builder;
};

export const aUser = () => {
  let user: User = {
    id: newId(), tenantId: newId(), email: uniqueEmail(), name: 'Dana Staff', role: 'agent', active: true,
    availability: 'offline', maxCustomers: null, passwordHash: 'hash-placeholder', lastAssignedAt: null,
    createdAt: accessEpoch, updatedAt: accessEpoch,
  };
  const builder = {
    withId: (id: string) => ((user = { ...user, id }), builder),
    inTenant: (tenantId: string) => ((user = { ...user, tenantId }), builder),
    withEmail: (email: string) => ((user = { ...user, email }), builder),
    named: (name: string) => ((user = { ...user, name }), builder),
    withRole: (role: Role) => ((user = { ...user, role }), builder),
    admin: () => builder.withRole('admin'),
    agent: () => builder.withRole('agent'),
    inactive: () => ((user = { ...user, active: false }), builder),
    withAvailability: (availability: Availability) => ((user = { ...user, availability }), builder),
    online: () => builder.withAvailability('online'),
    withMaxCustomers: (maxCustomers: number | null) => ((user = { ...user, maxCustomers }), builder),
    withPasswordHash: (passwordHash: string) => ((user = { ...user, passwordHash }), builder),
    withoutPassword: () => ((user = { ...user, passwordHash: null }), builder),
    createdAt: (at: Date) => ((user = { ...user, createdAt: at, updatedAt: at }), builder),
    build: (): User => user,
  };
  return builder;
};

export const actorOf = (user: Pick<User, 'id' | 'tenantId' | 'role'>): Actor => ({ userId: user.id, tenantId: user.tenantId, role: user.role });

export const aRefreshToken = () => {
  let token: RefreshToken = {
    tokenHash: createHash('sha256').update(newId()).digest('hex'), familyId: newId(), tenantId: newId(), userId: newId(),
    expiresAt: new Date(accessEpoch.getTime() + 14 * 86_400_000), createdAt: accessEpoch, spentAt: null, revokedAt: null,
  };
  const builder = {
    withHash: (tokenHash: string) => ((token = { ...token, tokenHash }), builder),
    inFamily: (familyId: string) => ((token = { ...token, familyId }), builder),
    of: (user: Pick<User, 'id' | 'tenantId'>) => ((token = { ...token, userId: user.id, tenantId: user.tenantId }), builder),
    expiringAt: (expiresAt: Date) => ((token = { ...token, expiresAt }), builder),
    spentAt: (spentAt: Date) => ((token = { ...token, spentAt }), builder),
    revokedAt: (revokedAt: Date) => ((token = { ...token, revokedAt }), builder),
    build: (): RefreshToken => token,
  };
  return builder;
};
