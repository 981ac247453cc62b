import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';
import { checkBusinessHours, type BusinessHours } from '../sla/business-hours.ts';
import { checkSlaPolicy, type SlaPolicy } from '../sla/sla-policy.ts';
import { defaultSettings, type Tenant, type TenantSettings } from './tenant.ts';

export const tenantNameMaxLength = 200;
export const maxCustomersPerAgentLimit = 1000;

export interface SettingsChanges {
  readonly maxCustomersPerAgent?: number;
  readonly autoAssign?: boolean;
  readonly sla?: SlaPolicy | null;
  readonly businessHours?: BusinessHours | null;
}

export const checkTenantName = (name: string): Result.Result<string, InvalidInput> =>
  name.trim().length === 0 || [...name].length > tenantNameMaxLength
    ? Result.fail(new InvalidInput({ path: 'name', message: `must be 1 to ${tenantNameMaxLength} characters and not blank` }))
    : Result.succeed(name);

/** A new tenant on the default settings. */
export const createTenant = (fields: { readonly id: string; readonly name: string }, now: Date): Result.Result<Tenant, InvalidInput> =>
  Result.map(checkTenantName(fields.name), (name) => ({
    id: fields.id,
    name,
    settings: defaultSettings,
    createdAt: now,
    updatedAt: now,
  }));

const checkCapacity = (max: number | undefined): Result.Result<void, InvalidInput> =>
  max === undefined || (Number.isInteger(max) && max >= 1 && max <= maxCustomersPerAgentLimit)
    ? Result.void
    : Result.fail(new InvalidInput({ path: 'max_customers_per_agent', message: `must be an integer from 1 to ${maxCustomersPerAgentLimit}` }));

/** Validates the changes; the SLA policy and business hours come back normalized (API.md "SLA"). */
export const checkSettingsChanges = (changes: SettingsChanges): Result.Result<SettingsChanges, InvalidInput> =>
  Result.gen(function* () {
    yield* checkCapacity(changes.maxCustomersPerAgent);
    const sla = changes.sla === undefined || changes.sla === null ? changes.sla : yield* checkSlaPolicy(changes.sla);
    const hours = changes.businessHours;
    const businessHours = hours === undefined || hours === null ? hours : yield* checkBusinessHours(hours);
    return {
      ...changes,
      ...(sla === undefined ? {} : { sla: sla !== null && Object.keys(sla).length === 0 ? null : sla }),
      ...(businessHours === undefined ? {} : { businessHours }),
    };
  });

const sameSettings = (a: TenantSettings, b: TenantSettings): boolean =>
  a.maxCustomersPerAgent === b.maxCustomersPerAgent &&
  a.autoAssign === b.autoAssign &&
  JSON.stringify(a.sla) === JSON.stringify(b.sla) &&
  JSON.stringify(a.businessHours) === JSON.stringify(b.businessHours);

export const updateSettings = (tenant: Tenant, changes: SettingsChanges, now: Date): Result.Result<Tenant, InvalidInput> =>
  Result.map(checkSettingsChanges(changes), (c) => {
    const settings: TenantSettings = {
      maxCustomersPerAgent: c.maxCustomersPerAgent ?? tenant.settings.maxCustomersPerAgent,
      autoAssign: c.autoAssign ?? tenant.settings.autoAssign,
      sla: c.sla === undefined ? tenant.settings.sla : c.sla,
      businessHours: c.businessHours === undefined ? tenant.settings.businessHours : c.businessHours,
    };
    return sameSettings(settings, tenant.settings) ? tenant : { ...tenant, settings, updatedAt: now };
  });
