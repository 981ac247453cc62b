import type { Priority } from './types.ts';

export type SlaTargets = Record<Priority, { first_response_minutes: string; resolution_minutes: string }>;
export type ApiSla = Partial<Record<Priority, { first_response_minutes?: number | null; resolution_minutes?: number | null }>> | null;

const priorities: ReadonlyArray<Priority> = ['high', 'medium', 'low'];

export const slaFromApi = (sla: ApiSla): SlaTargets =>
  Object.fromEntries(
    priorities.map((p) => [p, { first_response_minutes: String(sla?.[p]?.first_response_minutes ?? ''), resolution_minutes: String(sla?.[p]?.resolution_minutes ?? '') }]),
  ) as SlaTargets;

/** Empty fields are "no target"; no target at all is `sla: null`. */
export const slaToApi = (targets: SlaTargets): ApiSla => {
  const minutes = (value: string) => (value.trim() === '' ? null : Number(value));
  const entries = priorities
    .map((p) => [p, { first_response_minutes: minutes(targets[p].first_response_minutes), resolution_minutes: minutes(targets[p].resolution_minutes) }] as const)
    .filter(([, v]) => v.first_response_minutes !== null || v.resolution_minutes !== null);
  return entries.length === 0 ? null : Object.fromEntries(entries);
};

