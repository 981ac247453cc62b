import { Migration } from '@mikro-orm/migrations';

export class Migration20261121083247_qiscus_integrations extends Migration {

  override name = 'Migration20261121083247_qiscus_integrations';

  override up(): void | Promise<void> {
    this.addSql(`create table \`integrations\` (\`tenant_id\` varchar(64) not null, \`app_code\` varchar(255) not null, \`base_url\` varchar(2000) not null, \`secret_key_sealed\` text not null, \`admin_email\` varchar(254) null, \`admin_password_sealed\` text null, \`webhook_token_hash\` varchar(64) not null, \`webhook_token_sealed\` text not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`tenant_id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`integrations\` add unique \`integrations_webhook_token_unique\` (\`webhook_token_hash\`);`);

    this.addSql(`create table \`unanswered_assigns\` (\`tenant_id\` varchar(64) not null, \`room_id\` varchar(191) not null, \`platform_agent_id\` varchar(191) not null, \`user_id\` varchar(64) not null, primary key (\`tenant_id\`, \`room_id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`unanswered_assigns\` add index \`unanswered_assigns_user_id_index\` (\`user_id\`);`);

    this.addSql(`create table \`platform_agent_links\` (\`tenant_id\` varchar(64) not null, \`platform_agent_id\` varchar(191) not null, \`user_id\` varchar(64) not null, primary key (\`tenant_id\`, \`platform_agent_id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`platform_agent_links\` add index \`platform_agent_links_user_id_index\` (\`user_id\`);`);

    this.addSql(`alter table \`unanswered_assigns\` add constraint \`unanswered_assigns_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade;`);

    this.addSql(`alter table \`platform_agent_links\` add constraint \`platform_agent_links_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`integrations\`;`);
    this.addSql(`drop table if exists \`unanswered_assigns\`;`);
    this.addSql(`drop table if exists \`platform_agent_links\`;`);
  }

}
