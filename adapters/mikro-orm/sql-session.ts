import { LockMode, type SqlEntityManager } from '@mikro-orm/sql';

export type SqlDialect = 'mysql' | 'sqlite';

/** One unit of work's view of the database: its own forked EntityManager (identity map and transaction). */
export interface SqlSession {
  readonly em: SqlEntityManager;
  readonly dialect: SqlDialect;
}

/** Reads never go through (or fill) the identity map: every query sees the rows as they are now. */
export const fresh = { disableIdentityMap: true } as const;

/** `FOR UPDATE` where rows can be locked (SQLite serializes whole transactions instead); only inside a transaction. */
export const rowLock = (session: SqlSession): { lockMode?: LockMode.PESSIMISTIC_WRITE } =>
  session.dialect === 'mysql' && session.em.isInTransaction() ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
