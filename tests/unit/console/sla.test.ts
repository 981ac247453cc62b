import { describe, expect, it } from 'vitest';
import { slaFromApi, slaToApi } from '../../../apps/console/src/lib/sla.ts';

describe('SLA targets in the settings form', () => {
  it('reads the API shape into fields, a missing target as an empty field', () => {
    const fields = slaFromApi({ high: { first_response_minutes: 15, resolution_minutes: null } });
    expect(fields.high).toEqual({ first_response_minutes: '15', resolution_minutes: '' });
    expect(fields.low).toEqual({ first_response_minutes: '', resolution_minutes: '' });
    expect(slaFromApi(null).medium).toEqual({ first_response_minutes: '', resolution_minutes: '' });
  });

  it('writes only the priorities with a target, and null for none at all', () => {
    const fields = slaFromApi(null);
    expect(slaToApi(fields)).toBeNull();
    fields.medium.resolution_minutes = '480';
    expect(slaToApi(fields)).toEqual({ medium: { first_response_minutes: null, resolution_minutes: 480 } });
  });
});
