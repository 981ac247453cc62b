import { Migration } from '@mikro-orm/migrations';
import { reportDaysBackfill } from '../report-days-backfill.ts';

export class Migration20261207142629_report_days extends Migration {

  override name = 'Migration20261207142629_report_days';

  override up(): void | Promise<void> {
    this.addSql(`create table \`report_days\` (\`tenant_id\` varchar(64) not null, \`day\` int unsigned not null, \`kind\` varchar(16) not null, \`agent_id\` varchar(64) not null, \`bucket\` smallint unsigned not null, \`n\` int not null, primary key (\`tenant_id\`, \`day\`, \`kind\`, \`agent_id\`, \`bucket\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    // The tickets already stored, counted as every write now counts them.
    for (const statement of reportDaysBackfill('mysql')) this.addSql(statement);

    this.addSql(`alter table \`tickets\` drop index \`tickets_report_index\`;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`report_days\`;`);

    this.addSql(`alter table \`tickets\` add index \`tickets_report_index\` (\`tenant_id\`, \`assigned_agent_id\`, \`assigned_at\`, \`resolved_at\`, \`created_at\`, \`sla_targeted\`, \`sla_breached\`, \`first_assigned_at\`, \`wait_ms\`, \`status\`, \`queued_at\`);`);
  }

}
