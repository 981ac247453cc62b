import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';
import { defaultSettings, type Tenant, type TenantSettings } from './tenant.ts';

export const tenantNameMaxLength = 200;
export const maxCustomersPerAgentLimit = 1000;

export interface SettingsChanges {
  readonly maxCustomersPerAgent?: number;
  readonly autoAssign?: boolean;
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

export const checkSettingsChanges = (changes: SettingsChanges): Result.Result<SettingsChanges, InvalidInput> => {
  const max = changes.maxCustomersPerAgent;
  return max === undefined || (Number.isInteger(max) && max >= 1 && max <= maxCustomersPerAgentLimit)
    ? Result.succeed(changes)
    : Result.fail(
        new InvalidInput({ path: 'max_customers_per_agent', message: `must be an integer from 1 to ${maxCustomersPerAgentLimit}` }),
      );
};

export const updateSettings = (tenant: Tenant, changes: SettingsChanges, now: Date): Result.Result<Tenant, InvalidInput> =>
  Result.map(checkSettingsChanges(changes), (c) => {
    const settings: TenantSettings = {
      maxCustomersPerAgent: c.maxCustomersPerAgent ?? tenant.settings.maxCustomersPerAgent,
      autoAssign: c.autoAssign ?? tenant.settings.autoAssign,
    };
    const same =
      settings.maxCustomersPerAgent === tenant.settings.maxCustomersPerAgent && settings.autoAssign === tenant.settings.autoAssign;
    return same ? tenant : { ...tenant, settings, updatedAt: now };
  });
