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
      id, name: 'Acme 🚀', settings: { maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null }, createdAt: accessEpoch, updatedAt: accessEpoch,
    });
    expect(defaultSettings).toEqual({ maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null });
  });

  it('refuses a blank name', () => {
    const result = createTenant({ id: newId(), name: ' ' }, accessEpoch);
    expect(Result.isFailure(result) && result.failure.path).toBe('name');
  });

  it('updates only the given settings', () => {
    const tenant = aTenantNamed().build();
    const updated = Result.getOrThrow(updateSettings(tenant, { autoAssign: false }, later));
    expect(updated).toEqual({ ...tenant, settings: { maxCustomersPerAgent: 2, autoAssign: false, sla: null, businessHours: null }, updatedAt: later });
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

describe('SLA settings validation (API.md "SLA")', () => {
  const tenant = aTenantNamed().build();
  const pathOf = (changes: Parameters<typeof updateSettings>[1]) => {
    const result = updateSettings(tenant, changes, later);
    return Result.isFailure(result) ? result.failure.path : null;
  };
  const week = (windows: ReadonlyArray<readonly [string, string]>) => ({ timezone: 'Asia/Jakarta', week: { mon: windows } });

  it('takes IANA zones, normalizes their spelling, and refuses offsets and unknown names', () => {
    const ok = updateSettings(tenant, { businessHours: { timezone: 'asia/jakarta', week: { mon: [['09:00', '17:00']], tue: [] } } }, later);
    expect(Result.isSuccess(ok) && ok.success.settings.businessHours).toEqual({ timezone: 'Asia/Jakarta', week: { mon: [['09:00', '17:00']] } });
    expect(pathOf({ businessHours: { timezone: 'UTC', week: { sun: [['00:00', '24:00']] } } })).toBeNull();
    for (const timezone of ['+07:00', '-05:00', 'UTC+7', 'Mars/Olympus', '']) {
      expect(pathOf({ businessHours: { timezone, week: { mon: [['09:00', '17:00']] } } })).toBe('business_hours.timezone');
    }
  });

  it('refuses overlapping windows, bad times, windows that end before they start, and a week without any window', () => {
    expect(pathOf({ businessHours: week([['09:00', '12:00'], ['12:00', '17:00']]) })).toBeNull();
    expect(pathOf({ businessHours: week([['09:00', '12:00'], ['11:59', '17:00']]) })).toBe('business_hours.week.mon[1]');
    expect(pathOf({ businessHours: week([['13:00', '17:00'], ['08:00', '13:30']]) })).toBe('business_hours.week.mon[0]');
    expect(pathOf({ businessHours: week([['9:00', '17:00']]) })).toBe('business_hours.week.mon[0]');
    expect(pathOf({ businessHours: week([['24:00', '24:00']]) })).toBe('business_hours.week.mon[0]');
    expect(pathOf({ businessHours: week([['17:00', '09:00']]) })).toBe('business_hours.week.mon[0]');
    expect(pathOf({ businessHours: week([['00:00', '24:01']]) })).toBe('business_hours.week.mon[0]');
    expect(pathOf({ businessHours: { timezone: 'UTC', week: {} } })).toBe('business_hours.week');
    expect(pathOf({ businessHours: { timezone: 'UTC', week: { mon: [], sat: [] } } })).toBe('business_hours.week');
  });

  it('checks target ranges; priorities without targets are dropped, an empty policy is null', () => {
    expect(pathOf({ sla: { high: { firstResponseMinutes: 0, resolutionMinutes: null } } })).toBe('sla.high.first_response_minutes');
    expect(pathOf({ sla: { low: { firstResponseMinutes: null, resolutionMinutes: 1_000_001 } } })).toBe('sla.low.resolution_minutes');
    expect(pathOf({ sla: { medium: { firstResponseMinutes: 100_000, resolutionMinutes: 1_000_000 } } })).toBeNull();
    const dropped = updateSettings(tenant, { sla: { low: { firstResponseMinutes: null, resolutionMinutes: null } } }, later);
    expect(Result.isSuccess(dropped) && dropped.success).toBe(tenant);
  });
});
