import type { SlaSettings } from '../sla/sla-settings.ts';

/** A tenant's allocation and SLA settings. */
export interface TenantSettings extends SlaSettings {
  readonly maxCustomersPerAgent: number;
  readonly autoAssign: boolean;
}

/** A new tenant's settings: two customers per agent, auto-assign on, no SLA, no business hours. */
export const defaultSettings: TenantSettings = { maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null };

/** A customer-support organisation: everything else belongs to exactly one tenant. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly settings: TenantSettings;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The same-tenant policy: a resource is visible to an actor only inside the actor's tenant. */
export const sameTenant = (actor: { readonly tenantId: string }, resource: { readonly tenantId: string }): boolean =>
  actor.tenantId === resource.tenantId;
