import { Migration } from '@mikro-orm/migrations';

export class Migration20261203081227_event_log extends Migration {

  override name = 'Migration20261203081227_event_log';

  override up(): void | Promise<void> {
    this.addSql(`create table \`event_counters\` (\`tenant_id\` text not null, \`stream\` text not null, \`last\` bigint not null, primary key (\`tenant_id\`, \`stream\`));`);

    this.addSql(`create table \`events\` (\`tenant_id\` text not null, \`position\` bigint not null, \`event_id\` text not null, \`type\` text not null, \`ticket_id\` text null, \`sequence\` integer null, \`occurred_at\` datetime not null, \`data\` json not null, primary key (\`tenant_id\`, \`position\`));`);
    this.addSql(`create unique index \`events_event_id_unique\` on \`events\` (\`event_id\`);`);
    this.addSql(`create index \`events_occurred_at_index\` on \`events\` (\`occurred_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`event_counters\`;`);
    this.addSql(`drop table if exists \`events\`;`);
  }

}
