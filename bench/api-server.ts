import { createServer } from 'node:http';
import { createLogger } from '../adapters/http-koa/logger.ts';
import { openDatabase } from '../adapters/mikro-orm/index.ts';
import { loadConfig } from '../apps/api/config.ts';
import { buildContainer, tokens } from '../apps/api/container.ts';

// The real API, composed in-process from the app's own container on MikroORM (apps/api/store.ts still
// chooses the memory store). Prints `listening <port>` once ready; SIGTERM stops it.
const config = loadConfig({ ...process.env, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' });
const logger = createLogger({ level: config.logLevel });
// BENCH_SQLITE_DRIVER=better-sqlite3 runs SQLite on better-sqlite3 (bench/sqlite-drivers.bench.ts compares the two).
const sqliteDriver = process.env['BENCH_SQLITE_DRIVER'] === 'better-sqlite3' ? 'better-sqlite3' : 'node:sqlite';
const database = await openDatabase(config.databaseUrl, { migrate: false, sqliteDriver });
const app = buildContainer(config, logger, database.uow).get(tokens.httpApp);
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
