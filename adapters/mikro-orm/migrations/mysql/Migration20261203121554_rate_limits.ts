import { Migration } from '@mikro-orm/migrations';

export class Migration20261203121554_rate_limits extends Migration {

  override name = 'Migration20261203121554_rate_limits';

  override up(): void | Promise<void> {
    // Earlier versions created `rate_limits` (key, points, expire) at start, outside migrations: its counters only expire, so it is replaced.
    this.addSql(`drop table if exists \`rate_limits\`;`);
    this.addSql(`create table \`rate_limits\` (\`key\` varchar(64) not null, \`points\` int not null, \`expires_at\` bigint not null, \`counted\` smallint not null, primary key (\`key\`)) default character set utf8mb4 collate utf8mb4_bin engine = InnoDB;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`rate_limits\`;`);
  }

}
