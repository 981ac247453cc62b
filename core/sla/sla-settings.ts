import type { BusinessHours } from './business-hours.ts';
import type { SlaPolicy } from './sla-policy.ts';

/** The tenant's SLA settings: targets per priority and the business hours they count in (null: none / always). */
export interface SlaSettings {
  readonly sla: SlaPolicy | null;
  readonly businessHours: BusinessHours | null;
}
