import { LockMode, type SqlEntityManager } from '@mikro-orm/sql';

export type SqlDialect = 'mysql' | 'sqlite';

type Connection = ReturnType<SqlEntityManager['getConnection']>;
type TransactionContext = ReturnType<SqlEntityManager['getTransactionContext']>;

/** One unit of work's view of the database: its own forked EntityManager (identity map and transaction). */
export interface SqlSession {
  readonly em: SqlEntityManager;
  readonly dialect: SqlDialect;
  /** The driver connection, for hand-written statements; does not fork an EntityManager. */
  readonly connection?: Connection;
  /** The open transaction of this unit, if any; does not fork an EntityManager. */
  transactionContext?(): TransactionContext;
  /**
   * In a transaction: keeps `flush` to run just before COMMIT (after the unit's work) and answers true;
   * outside one, false: the caller writes now.
   */
  beforeCommit?(flush: () => Promise<void>): boolean;
}

/**
 * The session of one unit (attempt). Its EntityManager is forked on first use only: a unit whose
 * statements are all hand-written (the hot paths) never pays for a fork.
 */
export class UnitSession implements SqlSession {
  readonly dialect: SqlDialect;
  readonly connection: Connection;
  readonly #root: SqlEntityManager;
  #em: SqlEntityManager | undefined;
  #transaction: TransactionContext;
  #held: Array<() => Promise<void>> | undefined;

  constructor(root: SqlEntityManager, dialect: SqlDialect) {
    this.#root = root;
    this.dialect = dialect;
    this.connection = root.getConnection();
  }

  get em(): SqlEntityManager {
    if (this.#em === undefined) {
      this.#em = this.#root.fork({ clear: true });
      if (this.#transaction !== undefined) this.#em.setTransactionContext(this.#transaction);
    }
    return this.#em;
  }

  /** Runs this unit's statements, the EntityManager's included, in a transaction opened outside MikroORM. */
  useTransaction(transaction: NonNullable<TransactionContext>): void {
    this.#transaction = transaction;
    this.#em?.setTransactionContext(transaction);
  }

  transactionContext(): TransactionContext {
    return this.#transaction ?? this.#em?.getTransactionContext();
  }

  /** From now on writes may wait for `flushHeld` (the unit of work calls it before COMMIT). */
  holdWrites(): void {
    this.#held ??= [];
  }

  beforeCommit(flush: () => Promise<void>): boolean {
    this.#held?.push(flush);
    return this.#held !== undefined;
  }

  /** Runs the held writes, in the order they were held. */
  async flushHeld(): Promise<void> {
    for (let flush = this.#held?.shift(); flush !== undefined; flush = this.#held?.shift()) await flush();
  }
}

const inTransaction = (session: SqlSession): boolean =>
  session.transactionContext === undefined ? session.em.isInTransaction() : session.transactionContext() !== undefined;

/** Reads never go through (or fill) the identity map: every query sees the rows as they are now. */
export const fresh = { disableIdentityMap: true } as const;

/** `FOR UPDATE` where rows can be locked (SQLite serializes whole transactions instead); only inside a transaction. */
export const rowLock = (session: SqlSession): { lockMode?: LockMode.PESSIMISTIC_WRITE } =>
  session.dialect === 'mysql' && inTransaction(session) ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
