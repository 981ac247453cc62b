import { Migration } from '@mikro-orm/migrations';

export class Migration20261121081939_initial extends Migration {

  override name = 'Migration20261121081939_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table \`channels\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`name\` text not null, \`key\` text not null, \`secret\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`channels_key_unique\` on \`channels\` (\`key\`);`);
    this.addSql(`create index \`channels_tenant_index\` on \`channels\` (\`tenant_id\`, \`id\`);`);

    this.addSql(`create table \`customers\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`name\` text not null, \`email\` text null, \`phone\` text null, \`external_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create index \`customers_newest_index\` on \`customers\` (\`tenant_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`customers_external_id_unique\` on \`customers\` (\`tenant_id\`, \`external_id\`);`);

    this.addSql(`create table \`outbox\` (\`sequence\` integer not null primary key autoincrement, \`id\` text not null, \`tenant_id\` text not null, \`type\` text not null, \`payload\` json not null, \`occurred_at\` datetime not null, \`published_at\` datetime null, \`leased_until\` datetime null);`);
    this.addSql(`create unique index \`outbox_id_unique\` on \`outbox\` (\`id\`);`);
    this.addSql(`create index \`outbox_unpublished_index\` on \`outbox\` (\`published_at\`, \`sequence\`);`);

    this.addSql(`create table \`reported_loads\` (\`tenant_id\` text not null, \`agent_id\` text not null, \`load\` integer not null, primary key (\`tenant_id\`, \`agent_id\`));`);

    this.addSql(`create table \`tenant_locks\` (\`tenant_id\` text not null primary key);`);

    this.addSql(`create table \`tenants\` (\`id\` text not null primary key, \`name\` text not null, \`max_customers_per_agent\` integer not null, \`auto_assign\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);

    this.addSql(`create table \`tickets\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`title\` text not null, \`description\` text null, \`status\` text not null, \`priority\` text not null, \`priority_rank\` integer not null, \`assigned_agent_id\` text null, \`customer_id\` text not null, \`channel\` text not null, \`channel_id\` text null, \`external_ref\` text null, \`active_external_ref\` text null, \`queued_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`tickets_customer_id_foreign\` foreign key (\`customer_id\`) references \`customers\` (\`id\`));`);
    this.addSql(`create index \`tickets_customer_id_index\` on \`tickets\` (\`customer_id\`);`);
    this.addSql(`create index \`tickets_newest_index\` on \`tickets\` (\`tenant_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`tickets_status_index\` on \`tickets\` (\`tenant_id\`, \`status\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`tickets_agent_index\` on \`tickets\` (\`tenant_id\`, \`assigned_agent_id\`, \`status\`);`);
    this.addSql(`create index \`tickets_customer_index\` on \`tickets\` (\`tenant_id\`, \`customer_id\`);`);
    this.addSql(`create index \`tickets_queue_index\` on \`tickets\` (\`tenant_id\`, \`queued_at\`, \`priority_rank\`, \`id\`);`);
    this.addSql(`create index \`tickets_external_ref_index\` on \`tickets\` (\`tenant_id\`, \`channel\`, \`external_ref\`, \`created_at\`);`);
    this.addSql(`create unique index \`tickets_external_ref_unique\` on \`tickets\` (\`tenant_id\`, \`channel\`, \`active_external_ref\`);`);

    this.addSql(`create table \`messages\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`ticket_id\` text not null, \`sender_type\` text not null, \`sender_id\` text null, \`message\` text not null, \`sequence\` integer not null, \`created_at\` datetime not null, constraint \`messages_ticket_id_foreign\` foreign key (\`ticket_id\`) references \`tickets\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`messages_ticket_id_index\` on \`messages\` (\`ticket_id\`);`);
    this.addSql(`create unique index \`messages_sequence_unique\` on \`messages\` (\`ticket_id\`, \`sequence\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`email\` text not null, \`email_key\` text not null, \`login_email_key\` text null, \`name\` text not null, \`role\` text not null, \`active\` integer not null, \`availability\` text not null, \`max_customers\` integer null, \`password_hash\` text null, \`last_assigned_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create index \`users_pool_index\` on \`users\` (\`tenant_id\`, \`role\`, \`active\`, \`id\`);`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`tenant_id\`, \`email_key\`);`);
    this.addSql(`create unique index \`users_login_email_unique\` on \`users\` (\`login_email_key\`);`);

    this.addSql(`create table \`refresh_tokens\` (\`token_hash\` text not null primary key, \`family_id\` text not null, \`tenant_id\` text not null, \`user_id\` text not null, \`expires_at\` datetime not null, \`created_at\` datetime not null, \`spent_at\` datetime null, \`revoked_at\` datetime null, constraint \`refresh_tokens_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`refresh_tokens_user_id_index\` on \`refresh_tokens\` (\`user_id\`);`);
    this.addSql(`create index \`refresh_tokens_family_index\` on \`refresh_tokens\` (\`family_id\`);`);
    this.addSql(`create index \`refresh_tokens_user_index\` on \`refresh_tokens\` (\`tenant_id\`, \`user_id\`);`);
  }

}
