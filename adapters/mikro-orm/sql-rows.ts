import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { rowLock, type SqlSession } from './sql-session.ts';

export interface RowsOptions<Row> {
  readonly orderBy?: QueryOrderMap<Row> | ReadonlyArray<QueryOrderMap<Row>>;
  readonly limit?: number;
  /** `FOR UPDATE` when the session is in a transaction on MySQL; decided when the statement runs. */
  readonly forUpdate?: boolean;
}

/**
 * Plain rows (property names, converted types) straight from a QueryBuilder: no managed entities,
 * no identity map, no hydration. About 3× less CPU than `em.find` for a 50-row page.
 */
export const selectRows = <Row extends object>(
  session: SqlSession,
  entity: EntityName<Row>,
  where: FilterQuery<NoInfer<Row>>,
  options: RowsOptions<NoInfer<Row>> = {},
): Promise<Row[]> => {
  const qb = session.em.createQueryBuilder<Row>(entity).select('*').where(where as never);
  if (options.orderBy !== undefined) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  const lock = options.forUpdate === true ? rowLock(session).lockMode : undefined;
  if (lock !== undefined) qb.setLockMode(lock);
  return qb.execute<Row[]>('all', true);
};

export const firstRow = async <Row>(rows: Promise<Row[]>): Promise<Row | null> => (await rows)[0] ?? null;
