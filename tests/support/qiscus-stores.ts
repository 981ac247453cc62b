import { openMemoryStore } from '../../apps/shared/open-store.ts';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { MikroOrmTenantDirectory } from '../../adapters/mikro-orm/mikro-orm-tenant-directory.ts';
import type { SwitchboardDatabase } from '../../adapters/mikro-orm/open-database.ts';
import { OutboxEntity } from '../../adapters/mikro-orm/schema/entities.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { OutboxFeed } from '../../core/shared/outbox.port.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import type { TenantDirectory } from '../../core/tenancy/tenant-directory.port.ts';
import { createMysqlDatabase, mysqlServer, openFreshSqlite } from './databases.ts';

/** A store as an app process holds it (what `buildJobs` and the routes need), plus a view of the outbox for assertions. */
export interface FlowStore {
  readonly uow: UnitOfWork;
  readonly outboxFeed: OutboxFeed;
  readonly directory: TenantDirectory;
  /** The tenant's outbox in append order, published or not. */
  events(tenantId: string): Promise<DomainEvent[]>;
  /** How many outbox rows of any tenant are not published yet. */
  unpublished(): Promise<number>;
  close(): Promise<void>;
}

/** A brand-new database of one kind; SQL kinds seal Qiscus secrets with `testSecrets`. */
export interface FlowDatabase {
  readonly store: FlowStore;
  /** Another connection pool on the same database, as a second API or worker process has (MariaDB only). */
  anotherProcess(): Promise<FlowStore>;
  close(): Promise<void>;
}

export interface FlowStoreKind {
  readonly name: 'memory' | 'sqlite' | 'mariadb';
  open(): Promise<FlowDatabase>;
}

const memory: FlowStoreKind = {
  name: 'memory',
  open: async () => {
    const uow = new MemoryUnitOfWork();
    const opened = openMemoryStore(uow);
    const rows = () => [...uow.db.outbox.values()].sort((a, b) => a.sequence - b.sequence);
    const store: FlowStore = {
      ...opened,
      events: async (tenantId) => rows().map((row) => row.event).filter((e) => e.tenantId === tenantId),
      unpublished: async () => rows().filter((row) => row.publishedAt === null).length,
    };
    return { store, anotherProcess: () => Promise.reject(new Error('a memory store lives in one process')), close: async () => {} };
  },
};

const sqlStore = (db: SwitchboardDatabase): FlowStore => ({
  uow: db.uow,
  outboxFeed: db.outboxFeed,
  directory: new MikroOrmTenantDirectory((mode, work) => db.uow.withSession(mode, work)),
  events: async (tenantId) => {
    const rows = await db.orm.em.fork().find(OutboxEntity, { tenantId }, { orderBy: { sequence: 'asc' } });
    return rows.map((row) => ({ id: row.id, type: row.type, tenantId: row.tenantId, occurredAt: row.occurredAt, payload: row.payload }) as DomainEvent);
  },
  unpublished: () => db.orm.em.fork().count(OutboxEntity, { publishedAt: null }),
  close: () => db.close(),
});

const sqlite: FlowStoreKind = {
  name: 'sqlite',
  open: async () => {
    const store = sqlStore(await openFreshSqlite());
    return { store, anotherProcess: () => Promise.reject(new Error('SQLite has no row locks: one process only')), close: () => store.close() };
  },
};

/** Memory and SQLite always; MariaDB when `MYSQL_URL` is set, and with `CI=true` always (failing when unreachable). */
export const flowStoreKinds = async (): Promise<ReadonlyArray<FlowStoreKind>> => {
  const server = await mysqlServer();
  if (server.status === 'skip') return [memory, sqlite];
  const mariadb: FlowStoreKind = {
    name: 'mariadb',
    open: async () => {
      if (server.status === 'fail') throw new Error(server.reason);
      const database = await createMysqlDatabase(server.url);
      const pools: FlowStore[] = [];
      const pool = async () => {
        const opened = sqlStore(await database.open());
        pools.push(opened);
        return opened;
      };
      return {
        store: await pool(),
        anotherProcess: pool,
        close: async () => {
          await Promise.all(pools.map((p) => p.close()));
          await database.drop();
        },
      };
    },
  };
  return [memory, sqlite, mariadb];
};
