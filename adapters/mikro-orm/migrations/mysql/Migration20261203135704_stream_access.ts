import { Migration } from '@mikro-orm/migrations';

export class Migration20261203135704_stream_access extends Migration {

  override name = 'Migration20261203135704_stream_access';

  override up(): void | Promise<void> {
    this.addSql(`create table \`stream_leases\` (\`id\` varchar(64) not null, \`tenant_id\` varchar(64) not null, \`user_id\` varchar(64) not null, \`expires_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`stream_leases\` add index \`stream_leases_user_index\` (\`tenant_id\`, \`user_id\`);`);

    this.addSql(`create table \`stream_tickets\` (\`token_hash\` varchar(128) not null, \`tenant_id\` varchar(64) not null, \`user_id\` varchar(64) not null, \`expires_at\` datetime(3) not null, primary key (\`token_hash\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`stream_tickets\` add index \`stream_tickets_expires_index\` (\`expires_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`stream_leases\`;`);
    this.addSql(`drop table if exists \`stream_tickets\`;`);
  }

}
