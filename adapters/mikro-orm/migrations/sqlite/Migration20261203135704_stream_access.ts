import { Migration } from '@mikro-orm/migrations';

export class Migration20261203135704_stream_access extends Migration {

  override name = 'Migration20261203135704_stream_access';

  override up(): void | Promise<void> {
    this.addSql(`create table \`stream_leases\` (\`id\` text not null primary key, \`tenant_id\` text not null, \`user_id\` text not null, \`expires_at\` datetime not null);`);
    this.addSql(`create index \`stream_leases_user_index\` on \`stream_leases\` (\`tenant_id\`, \`user_id\`);`);

    this.addSql(`create table \`stream_tickets\` (\`token_hash\` text not null primary key, \`tenant_id\` text not null, \`user_id\` text not null, \`expires_at\` datetime not null);`);
    this.addSql(`create index \`stream_tickets_expires_index\` on \`stream_tickets\` (\`expires_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`stream_leases\`;`);
    this.addSql(`drop table if exists \`stream_tickets\`;`);
  }

}
