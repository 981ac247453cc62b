/** Persistence on MikroORM 7: MySQL/MariaDB in production, SQLite as the embedded default. */
export { openDatabase, openTarget, type OpenOptions, type SwitchboardDatabase } from './open-database.ts';
export { parseDatabaseUrl, type DatabaseTarget } from './database-url.ts';
export { defaultTimeouts, type DatabaseTimeouts } from './mikro-orm.config.ts';
export { MikroOrmUnitOfWork, defaultRetryPolicy, type RetryPolicy } from './mikro-orm-unit-of-work.ts';
export { MikroOrmOutboxFeed } from './mikro-orm-outbox-feed.ts';
