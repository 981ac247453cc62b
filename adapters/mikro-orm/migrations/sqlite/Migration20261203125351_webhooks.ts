import { Migration } from '@mikro-orm/migrations';

export class Migration20261203125351_webhooks extends Migration {

  override name = 'Migration20261203125351_webhooks';

  override up(): void | Promise<void> {
    this.addSql(`create table \`webhook_deliveries\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`webhook_id\` text not null, \`event_id\` text not null, \`type\` text not null, \`ticket_id\` text null, \`sequence\` integer null, \`payload\` mediumtext not null, \`status\` text not null, \`attempts\` integer not null, \`last_status_code\` integer null, \`last_error\` text null, \`next_attempt_at\` datetime null, \`first_attempt_at\` datetime null, \`delivered_at\` datetime null, \`created_at\` datetime not null, \`lease_token\` text null, \`leased_until\` datetime null);`);
    this.addSql(`create index \`webhook_deliveries_due_index\` on \`webhook_deliveries\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create index \`webhook_deliveries_ticket_index\` on \`webhook_deliveries\` (\`webhook_id\`, \`ticket_id\`, \`status\`, \`sequence\`);`);
    this.addSql(`create index \`webhook_deliveries_list_index\` on \`webhook_deliveries\` (\`tenant_id\`, \`webhook_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`webhook_deliveries_lease_index\` on \`webhook_deliveries\` (\`lease_token\`);`);
    this.addSql(`create unique index \`webhook_deliveries_event_unique\` on \`webhook_deliveries\` (\`webhook_id\`, \`event_id\`);`);

    this.addSql(`create table \`webhooks\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`url\` text not null, \`events\` json not null, \`description\` text null, \`active\` integer not null, \`secret_sealed\` text not null, \`previous_secret_sealed\` text null, \`previous_secret_until\` datetime null, \`event_cursor\` bigint not null, \`failing_since\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create index \`webhooks_tenant_index\` on \`webhooks\` (\`tenant_id\`, \`active\`, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`webhook_deliveries\`;`);
    this.addSql(`drop table if exists \`webhooks\`;`);
  }

}
