// Developer tool: diffs the entities against each dialect's snapshot and writes the next migration of both sets.
// Usage: MYSQL_URL=mysql://root@127.0.0.1:3306 node adapters/mikro-orm/migrations/create-migration.ts [name]
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '../mikro-orm.config.ts';
import { migrationsFolder } from '../open-database.ts';
import { mysqlMigrations } from './mysql/index.ts';
import { sqliteMigrations } from './sqlite/index.ts';
import type { DatabaseTarget } from '../database-url.ts';

const name = process.argv[2];
const mysqlUrl = new URL(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
const scratch = `sb_migration_${randomBytes(4).toString('hex')}`;
const sqlitePath = join(tmpdir(), `${scratch}.db`);

const targets: ReadonlyArray<[DatabaseTarget, ReturnType<typeof mysqlMigrations>]> = [
  [{ dialect: 'sqlite', path: sqlitePath }, sqliteMigrations()],
  [
    {
      dialect: 'mysql',
      host: mysqlUrl.hostname,
      port: Number(mysqlUrl.port || 3306),
      user: decodeURIComponent(mysqlUrl.username) || 'root',
      password: decodeURIComponent(mysqlUrl.password),
      database: scratch,
    },
    mysqlMigrations(),
  ],
];

for (const [target, migrations] of targets) {
  const orm = await MikroORM.init(ormOptions(target, migrations, migrationsFolder(target)));
  try {
    await orm.migrator.up();
    const result = await orm.migrator.create(migrationsFolder(target), false, migrations.length === 0, name);
    console.log(result.fileName ? `${target.dialect}: wrote ${result.fileName} — add it to migrations/${target.dialect}/index.ts` : `${target.dialect}: no changes`);
    if (target.dialect === 'mysql') await orm.em.getConnection().execute(`drop database if exists \`${scratch}\``);
  } finally {
    await orm.close(true);
  }
}
await rm(sqlitePath, { force: true });
