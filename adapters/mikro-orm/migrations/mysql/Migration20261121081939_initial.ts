import { Migration } from '@mikro-orm/migrations';

export class Migration20261121081939_initial extends Migration {

  override name = 'Migration20261121081939_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table \`channels\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`name\` varchar(255) not null, \`key\` varchar(128) not null, \`secret\` varchar(255) not null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`channels\` add unique \`channels_key_unique\` (\`key\`);`);
    this.addSql(`alter table \`channels\` add index \`channels_tenant_index\` (\`tenant_id\`, \`id\`);`);

    this.addSql(`create table \`customers\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`name\` varchar(255) not null, \`email\` varchar(320) null, \`phone\` varchar(64) null, \`external_id\` varchar(255) null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`customers\` add index \`customers_newest_index\` (\`tenant_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`customers\` add unique \`customers_external_id_unique\` (\`tenant_id\`, \`external_id\`);`);

    this.addSql(`create table \`outbox\` (\`sequence\` bigint unsigned not null auto_increment primary key, \`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`type\` varchar(64) not null, \`payload\` json not null, \`occurred_at\` datetime(3) not null, \`published_at\` datetime(3) null, \`leased_until\` datetime(3) null) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`outbox\` add unique \`outbox_id_unique\` (\`id\`);`);
    this.addSql(`alter table \`outbox\` add index \`outbox_unpublished_index\` (\`published_at\`, \`sequence\`);`);

    this.addSql(`create table \`reported_loads\` (\`tenant_id\` varchar(64) not null, \`agent_id\` varchar(64) not null, \`load\` int not null, primary key (\`tenant_id\`, \`agent_id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);

    this.addSql(`create table \`tenant_locks\` (\`tenant_id\` varchar(64) not null, primary key (\`tenant_id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);

    this.addSql(`create table \`tenants\` (\`id\` varchar(64) not null, \`name\` varchar(255) not null, \`max_customers_per_agent\` int not null, \`auto_assign\` tinyint(1) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);

    this.addSql(`create table \`tickets\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`title\` varchar(255) not null, \`description\` text null, \`status\` varchar(16) not null, \`priority\` varchar(8) not null, \`priority_rank\` tinyint not null, \`assigned_agent_id\` varchar(64) null, \`customer_id\` varchar(64) not null, \`channel\` varchar(16) not null, \`channel_id\` varchar(64) null, \`external_ref\` varchar(191) null, \`active_external_ref\` varchar(191) null, \`queued_at\` datetime(3) null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`tickets\` add index \`tickets_customer_id_index\` (\`customer_id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_newest_index\` (\`tenant_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_status_index\` (\`tenant_id\`, \`status\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_agent_index\` (\`tenant_id\`, \`assigned_agent_id\`, \`status\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_customer_index\` (\`tenant_id\`, \`customer_id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_queue_index\` (\`tenant_id\`, \`queued_at\`, \`priority_rank\`, \`id\`);`);
    this.addSql(`alter table \`tickets\` add index \`tickets_external_ref_index\` (\`tenant_id\`, \`channel\`, \`external_ref\`, \`created_at\`);`);
    this.addSql(`alter table \`tickets\` add unique \`tickets_external_ref_unique\` (\`tenant_id\`, \`channel\`, \`active_external_ref\`);`);

    this.addSql(`create table \`messages\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`ticket_id\` varchar(64) not null, \`sender_type\` varchar(16) not null, \`sender_id\` varchar(64) null, \`message\` text not null, \`sequence\` int not null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`messages\` add index \`messages_ticket_id_index\` (\`ticket_id\`);`);
    this.addSql(`alter table \`messages\` add unique \`messages_sequence_unique\` (\`ticket_id\`, \`sequence\`);`);

    this.addSql(`create table \`users\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`email\` varchar(320) not null, \`email_key\` varchar(320) not null, \`login_email_key\` varchar(320) null, \`name\` varchar(255) not null, \`role\` varchar(16) not null, \`active\` tinyint(1) not null, \`availability\` varchar(16) not null, \`max_customers\` int null, \`password_hash\` varchar(255) null, \`last_assigned_at\` datetime(3) null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`users\` add index \`users_pool_index\` (\`tenant_id\`, \`role\`, \`active\`, \`id\`);`);
    this.addSql(`alter table \`users\` add unique \`users_email_unique\` (\`tenant_id\`, \`email_key\`);`);
    this.addSql(`alter table \`users\` add unique \`users_login_email_unique\` (\`login_email_key\`);`);

    this.addSql(`create table \`refresh_tokens\` (\`token_hash\` varchar(128) not null, \`family_id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`user_id\` varchar(64) not null, \`expires_at\` datetime(3) not null, \`created_at\` datetime(3) not null, \`spent_at\` datetime(3) null, \`revoked_at\` datetime(3) null, primary key (\`token_hash\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`refresh_tokens\` add index \`refresh_tokens_user_id_index\` (\`user_id\`);`);
    this.addSql(`alter table \`refresh_tokens\` add index \`refresh_tokens_family_index\` (\`family_id\`);`);
    this.addSql(`alter table \`refresh_tokens\` add index \`refresh_tokens_user_index\` (\`tenant_id\`, \`user_id\`);`);

    this.addSql(`alter table \`tickets\` add constraint \`tickets_customer_id_foreign\` foreign key (\`customer_id\`) references \`customers\` (\`id\`);`);

    this.addSql(`alter table \`messages\` add constraint \`messages_ticket_id_foreign\` foreign key (\`ticket_id\`) references \`tickets\` (\`id\`) on delete cascade;`);

    this.addSql(`alter table \`refresh_tokens\` add constraint \`refresh_tokens_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade;`);
  }

}
