import { defineEntity, p } from '@mikro-orm/core';

export const TenantEntity = defineEntity({
  name: 'TenantRow',
  tableName: 'tenants',
  properties: {
    id: p.string().length(64).primary(),
    name: p.string().length(255),
    maxCustomersPerAgent: p.integer(),
    autoAssign: p.boolean(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
    /** JSON: the SLA targets per priority (NULL: none). */
    slaPolicy: p.text().nullable(),
    /** JSON: the business hours the targets count in (NULL: always). */
    businessHours: p.text().nullable(),
  },
});

/** One row per tenant that has ever entered an exclusive section; `SELECT … FOR UPDATE` serializes them. */
export const TenantLockEntity = defineEntity({
  name: 'TenantLockRow',
  tableName: 'tenant_locks',
  properties: {
    tenantId: p.string().length(64).primary(),
  },
});
