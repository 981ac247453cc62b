import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { createTenant, updateSettings } from '../../../core/tenancy/tenant.ops.ts';
import { defaultSettings } from '../../../core/tenancy/tenant.ts';
import { accessEpoch, aTenantNamed, newId } from '../../support/access-builders.ts';

const later = new Date(accessEpoch.getTime() + 1000);

describe('tenant ops', () => {
  it('creates a tenant on the default settings (2 per agent, auto-assign on)', () => {
    const id = newId();
    expect(Result.getOrThrow(createTenant({ id, name: 'Acme 🚀' }, accessEpoch))).toEqual({
      id, name: 'Acme 🚀', settings: { maxCustomersPerAgent: 2, autoAssign: true }, createdAt: accessEpoch, updatedAt: accessEpoch,
    });
    expect(defaultSettings).toEqual({ maxCustomersPerAgent: 2, autoAssign: true });
  });

  it('refuses a blank name', () => {
    const result = createTenant({ id: newId(), name: ' ' }, accessEpoch);
    expect(Result.isFailure(result) && result.failure.path).toBe('name');
  });

  it('updates only the given settings', () => {
    const tenant = aTenantNamed().build();
    const updated = Result.getOrThrow(updateSettings(tenant, { autoAssign: false }, later));
    expect(updated).toEqual({ ...tenant, settings: { maxCustomersPerAgent: 2, autoAssign: false }, updatedAt: later });
  });

  it('returns the same tenant when nothing changes', () => {
    const tenant = aTenantNamed().build();
    expect(Result.getOrThrow(updateSettings(tenant, { maxCustomersPerAgent: 2 }, later))).toBe(tenant);
  });

  it.each([1, 1000])('accepts max_customers_per_agent %s', (n) => {
    const result = updateSettings(aTenantNamed().build(), { maxCustomersPerAgent: n }, later);
    expect(Result.isSuccess(result) && result.success.settings.maxCustomersPerAgent).toBe(n);
  });

  it.each([0, 1001, 1.5, -3])('refuses max_customers_per_agent %s', (n) => {
    const result = updateSettings(aTenantNamed().build(), { maxCustomersPerAgent: n }, later);
    expect(Result.isFailure(result) && result.failure.path).toBe('max_customers_per_agent');
  });
});
