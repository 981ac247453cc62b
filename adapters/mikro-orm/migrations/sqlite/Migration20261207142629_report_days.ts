import { Migration } from '@mikro-orm/migrations';
import { reportDaysBackfill } from '../report-days-backfill.ts';

export class Migration20261207142629_report_days extends Migration {

  override name = 'Migration20261207142629_report_days';

  override up(): void | Promise<void> {
    this.addSql(`create table \`report_days\` (\`tenant_id\` text not null, \`day\` integer not null, \`kind\` text not null, \`agent_id\` text not null, \`bucket\` integer not null, \`n\` integer not null, primary key (\`tenant_id\`, \`day\`, \`kind\`, \`agent_id\`, \`bucket\`));`);
    // The tickets already stored, counted as every write now counts them.
    for (const statement of reportDaysBackfill('sqlite')) this.addSql(statement);

    this.addSql(`drop index \`tickets_report_index\`;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`report_days\`;`);

    this.addSql(`create index \`tickets_report_index\` on \`tickets\` (\`tenant_id\`, \`assigned_agent_id\`, \`assigned_at\`, \`resolved_at\`, \`created_at\`, \`sla_targeted\`, \`sla_breached\`, \`first_assigned_at\`, \`wait_ms\`, \`status\`, \`queued_at\`);`);
  }

}
