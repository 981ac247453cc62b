import { Effect } from 'effect';
import { MemoryBacklogProbe } from '../../adapters/memory/memory-backlog-probe.ts';
import { MemoryOutboxFeed } from '../../adapters/memory/memory-outbox-feed.ts';
import { MemoryTenantDirectory } from '../../adapters/memory/memory-tenant-directory.ts';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { openDatabase } from '../../adapters/mikro-orm/open-database.ts';
import { MikroOrmTenantDirectory } from '../../adapters/mikro-orm/mikro-orm-tenant-directory.ts';
import type { SecretCipher } from '../../core/integrations/integration.port.ts';
import type { BacklogProbe } from '../../core/shared/backlog-probe.port.ts';
import type { OutboxFeed } from '../../core/shared/outbox.port.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import type { TenantDirectory } from '../../core/tenancy/tenant-directory.port.ts';
import { CommitSignal, wakeOnCommit } from './wake-on-commit.ts';

/** The store an app runs on, with what its background jobs and probes need. */
export interface OpenStore {
  readonly kind: 'sqlite' | 'mysql' | 'memory';
  /** Tells `commits` after each unit of work that appended events. */
  readonly uow: UnitOfWork;
  /** Subscribe this process's relay: it publishes what this process commits at once. */
  readonly commits: CommitSignal;
  readonly outboxFeed: OutboxFeed;
  readonly directory: TenantDirectory;
  /** Queue and outbox figures for the metrics gauges. */
  readonly backlog: BacklogProbe;
  /** Migrations applied while opening (empty when the schema was up to date or `migrate` was false). */
  readonly migrated: ReadonlyArray<string>;
  /** True when the database answers (for `/readyz`). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Bring the schema up to date first (default true). */
  readonly migrate?: boolean;
  /** Seals Qiscus secrets in SQL stores (required there to save or read an integration). */
  readonly secrets?: SecretCipher;
}

/** `DATABASE_URL` without its password, for logs. */
export const redactDatabaseUrl = (url: string): string => url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, '$1:***@');

/** A throwaway in-memory store (`DATABASE_URL=memory:`): tests only, nothing survives the process. */
export const openMemoryStore = (uow: MemoryUnitOfWork = new MemoryUnitOfWork()): OpenStore => {
  const commits = new CommitSignal();
  return {
    kind: 'memory',
    uow: wakeOnCommit(uow, commits),
    commits,
    outboxFeed: new MemoryOutboxFeed(uow.db),
    directory: new MemoryTenantDirectory(uow.db),
    backlog: new MemoryBacklogProbe(uow.db),
    migrated: [],
    ping: async () => true,
    close: async () => {},
  };
};

/** Opens the store named by `DATABASE_URL` (`sqlite:<path>`, `mysql://…`, `mariadb://…` or `memory:`), migrating it first. */
export const openStore = async (databaseUrl: string, options: OpenStoreOptions = {}): Promise<OpenStore> => {
  if (databaseUrl === 'memory:') return openMemoryStore();
  const db = await openDatabase(databaseUrl, { migrate: false, ...(options.secrets === undefined ? {} : { secrets: options.secrets }) });
  try {
    const migrated = options.migrate === false ? [] : await db.migrate();
    const commits = new CommitSignal();
    return {
      kind: db.target.dialect,
      uow: wakeOnCommit(db.uow, commits),
      commits,
      outboxFeed: db.outboxFeed,
      directory: new MikroOrmTenantDirectory((mode, work) => db.uow.withSession(mode, work)),
      backlog: db.backlog,
      migrated,
      ping: () => db.ping().catch(() => false),
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
};

/** `ping` as the HTTP app's readiness effect. */
export const readinessOf = (store: Pick<OpenStore, 'ping'>) => (): Effect.Effect<boolean> => Effect.promise(() => store.ping().catch(() => false));
