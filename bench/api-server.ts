import { createServer } from 'node:http';
import { createLogger } from '../adapters/http-koa/logger.ts';
import { openDatabase } from '../adapters/mikro-orm/index.ts';
import { loadConfig } from '../apps/api/config.ts';
import { buildApiParts } from '../apps/api/composition.ts';

// The real API, composed in-process by the app's own `buildApiParts` on MikroORM (the composition root's
// `openRoot` would choose the store). Prints `listening <port>` once ready; SIGTERM stops it.
const config = loadConfig({ ...process.env, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' });
const logger = createLogger({ level: config.logLevel });
// BENCH_SQLITE_DRIVER=better-sqlite3 runs SQLite on better-sqlite3 (bench/sqlite-drivers.bench.ts compares the two).
const sqliteDriver = process.env['BENCH_SQLITE_DRIVER'] === 'better-sqlite3' ? 'better-sqlite3' : 'node:sqlite';
const database = await openDatabase(config.databaseUrl, { migrate: false, sqliteDriver });
const app = buildApiParts(config, logger, database.uow).app;
const server = createServer(app.callback());
server.keepAliveTimeout = 5_000;
server.listen(config.port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : config.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  setTimeout(() => void database.close().finally(() => process.exit(0)), 300);
});
