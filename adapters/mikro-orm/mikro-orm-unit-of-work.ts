import { Effect, Exit } from 'effect';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Kysely } from 'kysely';
import type { SecretCipher } from '../../core/integrations/integration.port.ts';
import { StoreUnavailable } from '../../core/shared/errors.ts';
import type { Store, UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { missingSecretCipher } from './mikro-orm-integration.repository.ts';
import { mikroOrmStore } from './mikro-orm-store.ts';
import { TenantLockEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { isRetryable } from './sql-errors.ts';
import { PipelinedTransaction } from './sql-pipelined-transaction.ts';
import { UnitSession, type SqlDialect, type SqlSession } from './sql-session.ts';
import { queryRows, runStatement } from './sql-statements.ts';

/** How often a unit of work that hit a deadlock or a lost race is run again, and how long to wait first. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Base of the exponential backoff; each wait is jittered between half and all of it. */
  readonly baseDelayMs: number;
}

/** Five attempts in all, backing off from 20 ms. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 20 };

type Mode = { readonly kind: 'read' } | { readonly kind: 'transaction' } | { readonly kind: 'exclusive'; readonly tenantId: string };

const retryableFailure = (exit: Exit.Exit<unknown, unknown>): boolean => {
  if (Exit.isSuccess(exit)) return false;
  const failure = exit.cause.reasons.find((reason) => reason._tag === 'Fail');
  return failure !== undefined && failure.error instanceof StoreUnavailable && isRetryable(failure.error.cause);
};

export interface UnitOfWorkOptions {
  readonly retry?: RetryPolicy;
  readonly secrets?: SecretCipher;
  /** MySQL/MariaDB: the pool whose connections accept statement batches (`openBatchPool`). */
  readonly batches?: () => Promise<Kysely<unknown>>;
}

/**
 * Units of work on MikroORM: a fresh forked EntityManager per unit (and per attempt), a database
 * transaction for `transaction`/`exclusive` (on MySQL a `PipelinedTransaction`: BEGIN and COMMIT ride
 * with statements; the event log's and outbox's rows are held to one flush before COMMIT), and the whole unit retried on deadlocks, lock wait timeouts, snapshot conflicts and
 * SQLITE_BUSY. Repositories issue native statements only (no managed entities), so nothing needs a flush.
 */
export class MikroOrmUnitOfWork implements UnitOfWork {
  readonly #em: SqlEntityManager;
  readonly #dialect: SqlDialect;
  readonly #retry: RetryPolicy;
  readonly #secrets: SecretCipher;
  readonly #lockRows = new Set<string>();

  readonly #batches: (() => Promise<Kysely<unknown>>) | undefined;

  constructor(em: SqlEntityManager, dialect: SqlDialect, options: UnitOfWorkOptions = {}) {
    this.#em = em;
    this.#dialect = dialect;
    this.#retry = options.retry ?? defaultRetryPolicy;
    this.#secrets = options.secrets ?? missingSecretCipher;
    this.#batches = options.batches;
  }

  transaction<A, E>(work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return this.#run({ kind: 'transaction' }, (session) => work(mikroOrmStore(session, this.#secrets)));
  }

  exclusive<A, E>(tenantId: string, work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return this.#run({ kind: 'exclusive', tenantId }, (session) => work(mikroOrmStore(session, this.#secrets)));
  }

  read<A, E>(work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return this.#run({ kind: 'read' }, (session) => work(mikroOrmStore(session, this.#secrets)));
  }

  /** The same unit-of-work machinery for this adapter's own statements (the outbox feed). */
  withSession<A, E>(mode: 'transaction' | 'read', work: (session: SqlSession) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return this.#run({ kind: mode }, work);
  }

  #run<A, E>(mode: Mode, work: (session: SqlSession) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    const attempt = (n: number): Effect.Effect<A, E | StoreUnavailable> =>
      Effect.flatMap(Effect.exit(this.#attempt(mode, work)), (exit) => {
        if (!retryableFailure(exit) || n + 1 >= this.#retry.attempts) return exit;
        const wait = this.#retry.baseDelayMs * 2 ** n;
        return Effect.andThen(Effect.sleep(wait / 2 + Math.random() * (wait / 2)), attempt(n + 1));
      });
    return attempt(0);
  }

  #attempt<A, E>(mode: Mode, work: (session: SqlSession) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return Effect.suspend(() => {
      const session = new UnitSession(this.#em, this.#dialect);
      if (mode.kind === 'read') return work(session);
      if (mode.kind === 'transaction') return this.#inTransaction(session, work(session));
      const body = Effect.andThen(this.#lockTenant(session, mode.tenantId), work(session));
      return Effect.andThen(this.#ensureLockRow(mode.tenantId), this.#inTransaction(session, body));
    });
  }

  #inTransaction<A, E>(session: UnitSession, body: Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    if (session.dialect === 'mysql') {
      const batches = this.#batches;
      if (batches === undefined) return Effect.die(new Error('a MySQL unit of work needs the batch pool (open-database.ts opens it)'));
      const trx = new PipelinedTransaction(batches);
      session.useTransaction(trx as never);
      session.holdWrites();
      const finish = { begin: Effect.void, commit: sql(() => session.flushHeld().then(() => trx.commit())), rollback: sql(() => trx.rollback()) };
      return this.#around(finish, body).pipe(Effect.ensuring(Effect.promise(() => trx.release())));
    }
    const { em } = session;
    session.holdWrites();
    return this.#around({ begin: sql(() => em.begin()), commit: sql(() => session.flushHeld().then(() => em.commit())), rollback: sql(() => em.rollback()) }, body);
  }

  #around<A, E>(
    trx: { readonly begin: Effect.Effect<void, StoreUnavailable>; readonly commit: Effect.Effect<void, StoreUnavailable>; readonly rollback: Effect.Effect<void, StoreUnavailable> },
    body: Effect.Effect<A, E>,
  ): Effect.Effect<A, E | StoreUnavailable> {
    return Effect.uninterruptibleMask((restore) =>
      Effect.gen(function* () {
        yield* trx.begin;
        const exit = yield* Effect.exit(restore(body));
        if (Exit.isFailure(exit)) {
          yield* Effect.ignore(trx.rollback);
          return yield* exit;
        }
        const committed = yield* Effect.exit(trx.commit);
        if (Exit.isFailure(committed)) {
          yield* Effect.ignore(trx.rollback);
          return yield* Effect.failCause(committed.cause);
        }
        return exit.value;
      }),
    );
  }

  /** The tenant's lock row exists before the transaction starts (created once, in its own statement, never deleted). */
  #ensureLockRow(tenantId: string): Effect.Effect<void, StoreUnavailable> {
    if (this.#lockRows.has(tenantId)) return Effect.void;
    return sql(() =>
      this.#em.fork().createQueryBuilder(TenantLockEntity).insert({ tenantId }).onConflict('tenantId').ignore().execute('run'),
    ).pipe(Effect.tap(() => Effect.sync(() => this.#lockRows.add(tenantId))));
  }

  // MySQL: SELECT … FOR UPDATE on the tenant's row. SQLite has no row locks: a write takes the database's
  // write lock at once (BEGIN IMMEDIATE semantics), so exclusive sections never interleave across processes.
  #lockTenant(session: UnitSession, tenantId: string): Effect.Effect<void, StoreUnavailable> {
    if (session.dialect === 'mysql') return sql(() => queryRows(session, 'select `tenant_id` from `tenant_locks` where `tenant_id` = ? for update', [tenantId])).pipe(Effect.asVoid);
    return sql(() => runStatement(session, 'update `tenant_locks` set `tenant_id` = `tenant_id` where `tenant_id` = ?', [tenantId])).pipe(Effect.asVoid);
  }
}
