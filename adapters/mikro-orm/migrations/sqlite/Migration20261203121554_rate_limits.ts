import { Migration } from '@mikro-orm/migrations';

export class Migration20261203121554_rate_limits extends Migration {

  override name = 'Migration20261203121554_rate_limits';

  override up(): void | Promise<void> {
    this.addSql(`create table \`rate_limits\` (\`key\` text not null primary key, \`points\` integer not null, \`expires_at\` bigint not null, \`counted\` integer not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`rate_limits\`;`);
  }

}
