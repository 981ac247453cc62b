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
}

const inTransaction = (session: SqlSession): boolean =>
  session.transactionContext === undefined ? session.em.isInTransaction() : session.transactionContext() !== undefined;

/** Reads never go through (or fill) the identity map: every query sees the rows as they are now. */
export const fresh = { disableIdentityMap: true } as const;

/** `FOR UPDATE` where rows can be locked (SQLite serializes whole transactions instead); only inside a transaction. */
export const rowLock = (session: SqlSession): { lockMode?: LockMode.PESSIMISTIC_WRITE } =>
  session.dialect === 'mysql' && inTransaction(session) ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
