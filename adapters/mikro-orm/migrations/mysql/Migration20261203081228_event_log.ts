import { Migration } from '@mikro-orm/migrations';

export class Migration20261203081228_event_log extends Migration {

  override name = 'Migration20261203081228_event_log';

  override up(): void | Promise<void> {
    this.addSql(`create table \`event_counters\` (\`tenant_id\` varchar(64) not null, \`stream\` varchar(64) not null, \`last\` bigint not null, primary key (\`tenant_id\`, \`stream\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);

    this.addSql(`create table \`events\` (\`tenant_id\` varchar(64) not null, \`position\` bigint unsigned not null, \`event_id\` varchar(64) not null, \`type\` varchar(64) not null, \`ticket_id\` varchar(64) null, \`sequence\` int null, \`occurred_at\` datetime(3) not null, \`data\` json not null, primary key (\`tenant_id\`, \`position\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`events\` add unique \`events_event_id_unique\` (\`event_id\`);`);
    this.addSql(`alter table \`events\` add index \`events_occurred_at_index\` (\`occurred_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`event_counters\`;`);
    this.addSql(`drop table if exists \`events\`;`);
  }

}
