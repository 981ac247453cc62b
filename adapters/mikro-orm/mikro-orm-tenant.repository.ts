import { Effect } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { DuplicateKey, Stored } from '../../core/shared/errors.ts';
import type { TenantRepository } from '../../core/tenancy/tenant.port.ts';
import type { Tenant } from '../../core/tenancy/tenant.ts';
import type { BusinessHours } from '../../core/sla/business-hours.ts';
import type { SlaPolicy } from '../../core/sla/sla-policy.ts';
import { TenantEntity } from './schema/entities.ts';
import { jsonOrNull, queryRows, sqlBoolean, sqlDate, type RawRow } from './sql-statements.ts';
import { sql, sqlWrite } from './sql-effect.ts';
import { fresh, type SqlSession } from './sql-session.ts';

type TenantRow = InferEntity<typeof TenantEntity>;

const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  name: row.name,
  settings: {
    maxCustomersPerAgent: row.maxCustomersPerAgent,
    autoAssign: row.autoAssign,
    sla: jsonOrNull<SlaPolicy>(row.slaPolicy),
    businessHours: jsonOrNull<BusinessHours>(row.businessHours),
  },
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const tenantOfRaw = (row: RawRow): Tenant => ({
  id: String(row['id']),
  name: String(row['name']),
  settings: {
    maxCustomersPerAgent: Number(row['max_customers_per_agent']),
    autoAssign: sqlBoolean(row['auto_assign']),
    sla: jsonOrNull<SlaPolicy>(row['sla_policy']),
    businessHours: jsonOrNull<BusinessHours>(row['business_hours']),
  },
  createdAt: sqlDate(row['created_at']),
  updatedAt: sqlDate(row['updated_at']),
});

const toRow = (tenant: Tenant): TenantRow => ({
  id: tenant.id,
  name: tenant.name,
  maxCustomersPerAgent: tenant.settings.maxCustomersPerAgent,
  autoAssign: tenant.settings.autoAssign,
  slaPolicy: tenant.settings.sla === null ? null : JSON.stringify(tenant.settings.sla),
  businessHours: tenant.settings.businessHours === null ? null : JSON.stringify(tenant.settings.businessHours),
  createdAt: tenant.createdAt,
  updatedAt: tenant.updatedAt,
});

export class MikroOrmTenantRepository implements TenantRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  get(tenantId: string): Stored<Tenant | null> {
    // Hot (every intake and allocation reads the settings): hand-written.
    return sql(() => queryRows(this.#session, 'select * from `tenants` where `id` = ? limit 1', [tenantId])).pipe(
      Effect.map((rows) => (rows[0] === undefined ? null : tenantOfRaw(rows[0]))),
    );
  }

  insert(tenant: Tenant): Stored<void, DuplicateKey> {
    return sqlWrite('tenants.id', () => this.#session.em.insert(TenantEntity, toRow(tenant))).pipe(Effect.asVoid);
  }

  update(tenant: Tenant): Stored<void> {
    const { id, createdAt: _, ...changes } = toRow(tenant);
    return sql(() => this.#session.em.nativeUpdate(TenantEntity, { id }, changes)).pipe(Effect.asVoid);
  }
}
