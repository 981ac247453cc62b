import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import { PipelinedTransaction } from './sql-pipelined-transaction.ts';
import type { SqlSession } from './sql-session.ts';

/** A raw row as the driver returns it: column names, database types. */
export type RawRow = Readonly<Record<string, unknown>>;

export interface RunResult {
  readonly affectedRows: number;
  /** MySQL's insert id (or `LAST_INSERT_ID(expr)`); 0 when there is none. */
  readonly insertId: number;
}

const connectionOf = (session: SqlSession) => session.connection ?? session.em.getConnection();
const transactionOf = (session: SqlSession) => (session.transactionContext === undefined ? session.em.getTransactionContext() : session.transactionContext());

// SQLite bindings take neither Dates nor booleans; MikroORM stores them as epoch ms and 0/1.
const sqliteValue = (value: unknown): unknown =>
  value instanceof Date ? value.getTime() : typeof value === 'boolean' ? Number(value) : value === undefined ? null : value;

/**
 * Hot-path statements: hand-written SQL with `?` parameters, on the unit's transaction or the pool, through
 * Kysely as MikroORM itself runs them, minus MikroORM's per-statement wrapper (formatting the values into
 * the text, logging, timing), which cost about as much as the driver. mysql2 escapes the values the way it
 * does for any `query`; SQLite binds them. Every statement names `tenant_id`.
 */
const execute = async (session: SqlSession, sql: string, params: ReadonlyArray<unknown>): Promise<QueryResult<RawRow>> => {
  const statement = CompiledQuery.raw(sql, session.dialect === 'sqlite' ? params.map(sqliteValue) : [...params]) as CompiledQuery<RawRow>;
  const transaction = transactionOf(session) as { executeQuery: Kysely<unknown>['executeQuery'] } | undefined;
  if (transaction !== undefined) return transaction.executeQuery(statement);
  const connection = connectionOf(session);
  await connection.ensureConnection();
  return connection.getClient().executeQuery(statement);
};

export const queryRows = async (session: SqlSession, sql: string, params: ReadonlyArray<unknown>): Promise<RawRow[]> =>
  (await execute(session, sql, params)).rows;

export const runStatement = async (session: SqlSession, sql: string, params: ReadonlyArray<unknown>): Promise<RunResult> => {
  const result = await execute(session, sql, params);
  return { affectedRows: Number(result.numAffectedRows ?? 0), insertId: Number(result.insertId ?? 0) };
};

const mysqlDateTime = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?$/;
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const number2 = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** A stored datetime: epoch ms on SQLite, `YYYY-MM-DD HH:MM:SS[.fff]` (UTC) on MySQL. Hot: 100 per page of tickets. */
export const sqlDate = (value: unknown): Date => {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const s = String(value);
  if (!mysqlDateTime.test(s)) return new Date(s);
  const fraction = s.length > 20 ? s.slice(20, 23).padEnd(3, '0') : '000';
  const year = number2(s, 0) * 100 + number2(s, 2);
  const ms = Date.UTC(year, number2(s, 5) - 1, number2(s, 8), number2(s, 11), number2(s, 14), number2(s, 17), Number(fraction));
  // Date.UTC maps years 0..99 to 1900..1999.
  return new Date(year < 100 ? new Date(ms).setUTCFullYear(year) : ms);
};

export const sqlDateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : sqlDate(value));

/** A JSON text column (NULL stays null). */
export const jsonOrNull = <A>(value: unknown): A | null => (value === null || value === undefined ? null : (JSON.parse(String(value)) as A));

export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** MySQL TINYINT(1) and SQLite integers both come back as 0/1. */
export const sqlBoolean = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 1n;

/** A write whose result nobody reads: in a MySQL transaction it travels with the next batch (usually COMMIT), else it runs now. */
export const runDeferrable = async (session: SqlSession, sql: string, params: ReadonlyArray<unknown>): Promise<void> => {
  const trx = transactionOf(session);
  if (trx instanceof PipelinedTransaction) trx.defer(sql, params);
  else await runStatement(session, sql, params);
};
