import { Migration } from '@mikro-orm/migrations';

export class Migration20261203091000_room_sessions extends Migration {

  override name = 'Migration20261203091000_room_sessions';

  override up(): void | Promise<void> {
    this.addSql(`create table \`room_sessions\` (\`tenant_id\` text not null, \`session_id\` text not null, \`room_id\` text not null, \`ticket_id\` text not null, \`resolved\` integer not null, primary key (\`tenant_id\`, \`session_id\`));`);
    this.addSql(`create index \`room_sessions_ticket_index\` on \`room_sessions\` (\`ticket_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`room_sessions\`;`);
  }

}
