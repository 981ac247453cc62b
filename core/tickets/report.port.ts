import type { Stored } from '../shared/errors.ts';
import type { ReportPeriod, SupportFigures } from './support-report.ts';

/** The support report's figures over a tenant's tickets (`supportFigures` defines them). */
export interface SupportReports {
  figures(tenantId: string, period: ReportPeriod): Stored<SupportFigures>;
}
