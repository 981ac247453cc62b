import { Migration } from '@mikro-orm/migrations';

export class Migration20261203125351_webhooks extends Migration {

  override name = 'Migration20261203125351_webhooks';

  override up(): void | Promise<void> {
    this.addSql(`create table \`webhook_deliveries\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`webhook_id\` varchar(64) not null, \`event_id\` varchar(128) not null, \`type\` varchar(64) not null, \`ticket_id\` varchar(64) null, \`sequence\` int null, \`payload\` mediumtext not null, \`status\` varchar(16) not null, \`attempts\` int not null, \`last_status_code\` int null, \`last_error\` varchar(1000) null, \`next_attempt_at\` datetime(3) null, \`first_attempt_at\` datetime(3) null, \`delivered_at\` datetime(3) null, \`created_at\` datetime(3) not null, \`lease_token\` varchar(64) null, \`leased_until\` datetime(3) null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_due_index\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_ticket_index\` (\`webhook_id\`, \`ticket_id\`, \`status\`, \`sequence\`);`);
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_list_index\` (\`tenant_id\`, \`webhook_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_lease_index\` (\`lease_token\`);`);
    this.addSql(`alter table \`webhook_deliveries\` add unique \`webhook_deliveries_event_unique\` (\`webhook_id\`, \`event_id\`);`);

    this.addSql(`create table \`webhooks\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`url\` varchar(2048) not null, \`events\` json not null, \`description\` varchar(2000) null, \`active\` tinyint(1) not null, \`secret_sealed\` varchar(255) not null, \`previous_secret_sealed\` varchar(255) null, \`previous_secret_until\` datetime(3) null, \`event_cursor\` bigint not null, \`failing_since\` datetime(3) null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`webhooks\` add index \`webhooks_tenant_index\` (\`tenant_id\`, \`active\`, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`webhook_deliveries\`;`);
    this.addSql(`drop table if exists \`webhooks\`;`);
  }

}
