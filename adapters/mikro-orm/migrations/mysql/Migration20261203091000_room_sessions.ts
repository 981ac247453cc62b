import { Migration } from '@mikro-orm/migrations';

export class Migration20261203091000_room_sessions extends Migration {

  override name = 'Migration20261203091000_room_sessions';

  override up(): void | Promise<void> {
    this.addSql(`create table \`room_sessions\` (\`tenant_id\` varchar(64) not null, \`session_id\` varchar(191) not null, \`room_id\` varchar(191) not null, \`ticket_id\` varchar(64) not null, \`resolved\` tinyint(1) not null, primary key (\`tenant_id\`, \`session_id\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
    this.addSql(`alter table \`room_sessions\` add index \`room_sessions_ticket_index\` (\`ticket_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`room_sessions\`;`);
  }

}
