import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';

/** The targets of one priority; null means no target. */
export interface SlaTargets {
  readonly firstResponseMinutes: number | null;
  readonly resolutionMinutes: number | null;
}

/** The ticket priorities a policy sets targets for (the same as the tickets'). */
export type SlaPriority = 'low' | 'medium' | 'high';

/** The tenant's targets per priority; a priority left out has none. */
export type SlaPolicy = Readonly<Partial<Record<SlaPriority, SlaTargets>>>;

export const firstResponseMinutesLimit = 100_000;
export const resolutionMinutesLimit = 1_000_000;

const checkMinutes = (path: string, value: number | null, max: number): Result.Result<void, InvalidInput> =>
  value === null || (Number.isInteger(value) && value >= 1 && value <= max)
    ? Result.void
    : Result.fail(new InvalidInput({ path, message: `must be an integer from 1 to ${max}, or null` }));

/** Validates the targets (API.md "SLA"); priorities without any target are dropped. */
export const checkSlaPolicy = (policy: SlaPolicy): Result.Result<SlaPolicy, InvalidInput> =>
  Result.gen(function* () {
    const kept: Partial<Record<SlaPriority, SlaTargets>> = {};
    for (const priority of ['low', 'medium', 'high'] as const) {
      const targets = policy[priority];
      if (targets === undefined) continue;
      yield* checkMinutes(`sla.${priority}.first_response_minutes`, targets.firstResponseMinutes, firstResponseMinutesLimit);
      yield* checkMinutes(`sla.${priority}.resolution_minutes`, targets.resolutionMinutes, resolutionMinutesLimit);
      if (targets.firstResponseMinutes !== null || targets.resolutionMinutes !== null) kept[priority] = targets;
    }
    return kept;
  });
