import { Migration } from '@mikro-orm/migrations';

export class Migration20261121083247_qiscus_integrations extends Migration {

  override name = 'Migration20261121083247_qiscus_integrations';

  override up(): void | Promise<void> {
    this.addSql(`create table \`integrations\` (\`tenant_id\` text not null primary key, \`app_code\` text not null, \`base_url\` text not null, \`secret_key_sealed\` text not null, \`admin_email\` text null, \`admin_password_sealed\` text null, \`webhook_token_hash\` text not null, \`webhook_token_sealed\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`integrations_webhook_token_unique\` on \`integrations\` (\`webhook_token_hash\`);`);

    this.addSql(`create table \`unanswered_assigns\` (\`tenant_id\` text not null, \`room_id\` text not null, \`platform_agent_id\` text not null, \`user_id\` text not null, primary key (\`tenant_id\`, \`room_id\`), constraint \`unanswered_assigns_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`unanswered_assigns_user_id_index\` on \`unanswered_assigns\` (\`user_id\`);`);

    this.addSql(`create table \`platform_agent_links\` (\`tenant_id\` text not null, \`platform_agent_id\` text not null, \`user_id\` text not null, primary key (\`tenant_id\`, \`platform_agent_id\`), constraint \`platform_agent_links_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`platform_agent_links_user_id_index\` on \`platform_agent_links\` (\`user_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`integrations\`;`);
    this.addSql(`drop table if exists \`unanswered_assigns\`;`);
    this.addSql(`drop table if exists \`platform_agent_links\`;`);
  }

}
