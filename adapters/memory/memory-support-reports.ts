import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { SupportReports } from '../../core/tickets/report.port.ts';
import { supportFigures, type ReportPeriod, type SupportFigures } from '../../core/tickets/support-report.ts';
import type { MemoryDatabase } from './memory-database.ts';

/** The report straight from the definitions, over the tenant's tickets. */
export class MemorySupportReports implements SupportReports {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  figures(tenantId: string, period: ReportPeriod): Stored<SupportFigures> {
    return Effect.sync(() => supportFigures([...this.#db.tickets.values()].filter((t) => t.tenantId === tenantId), period));
  }
}
