import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../../adapters/mikro-orm/database-url.ts';
import { classifySqlError } from '../../../adapters/mikro-orm/sql-errors.ts';

describe('classifySqlError', () => {
  it.each([
    [{ errno: 1213, message: 'Deadlock found when trying to get lock' }, { kind: 'retryable' }],
    [{ errno: 1205, message: 'Lock wait timeout exceeded' }, { kind: 'retryable' }],
    [{ errno: 1020, message: "Record has changed since last read in table 'tickets'" }, { kind: 'retryable' }],
    [{ code: 'SQLITE_BUSY', message: 'database is locked' }, { kind: 'retryable' }],
    [{ code: 'SQLITE_BUSY_SNAPSHOT', message: 'database is locked' }, { kind: 'retryable' }],
    [{ errno: 1062, message: "Duplicate entry 'a-b' for key 'users_email_unique'" }, { kind: 'duplicate', key: 'users.email' }],
    [{ errno: 1062, message: "Duplicate entry 'b' for key 'users.users_login_email_unique'" }, { kind: 'duplicate', key: 'users.login_email' }],
    [{ errno: 1062, message: "Duplicate entry 'x' for key 'PRIMARY'" }, { kind: 'duplicate', key: 'primary' }],
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: customers.tenant_id, customers.external_id' }, { kind: 'duplicate', key: 'customers.external_id' }],
    [{ errno: 1062, message: "Duplicate entry 't-1' for key 'messages_sequence_unique'" }, { kind: 'retryable' }],
    [{ code: 'ECONNREFUSED', errno: -111, message: 'connect ECONNREFUSED' }, { kind: 'unavailable' }],
    [{ code: 'PROTOCOL_CONNECTION_LOST', message: 'Connection lost: The server closed the connection.' }, { kind: 'unavailable' }],
    [{ errno: 1064, message: 'You have an error in your SQL syntax' }, { kind: 'defect' }],
    [{ errno: 1406, message: "Data too long for column 'title'" }, { kind: 'defect' }],
    [{ name: 'ForeignKeyConstraintViolationException', message: 'FOREIGN KEY constraint failed' }, { kind: 'defect' }],
    // Errors about the statement or its data are defects (500), never an outage (503).
    [{ name: 'SqliteError', code: 'SQLITE_ERROR', message: 'unrecognized token: "\'a"' }, { kind: 'defect' }],
    [{ name: 'SqliteError', code: 'SQLITE_TOOBIG', message: 'string or blob too big' }, { kind: 'defect' }],
    [{ code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', errno: 1366, message: "Incorrect string value: '\\xF0\\x9F' for column 'name'" }, { kind: 'defect' }],
    [{ code: 'ER_WRONG_VALUE_COUNT_ON_ROW', errno: 1136, message: "Column count doesn't match value count at row 1" }, { kind: 'defect' }],
    [new Error('something nobody planned for'), { kind: 'defect' }],
    ['a string thrown', { kind: 'defect' }],
    // Only a database that does not answer (or not in time) is unavailable.
    [{ name: 'ConnectionException', errno: 1045, message: "Access denied for user 'sb'@'localhost'" }, { kind: 'unavailable' }],
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, { kind: 'unavailable' }],
    [{ code: 'ER_CON_COUNT_ERROR', errno: 1040, message: 'Too many connections' }, { kind: 'unavailable' }],
    [{ errno: 1969, message: 'Query execution was interrupted (max_statement_time exceeded)' }, { kind: 'unavailable' }],
    [{ errno: 4031, message: 'The client was disconnected by the server because of inactivity.' }, { kind: 'unavailable' }],
    [{ message: "Can't add new command when connection is in closed state" }, { kind: 'unavailable' }],
    [{ message: 'Pool is closed.' }, { kind: 'unavailable' }],
    [{ message: 'driver has already been destroyed' }, { kind: 'unavailable' }],
    [{ name: 'TypeError', message: 'The database connection is not open' }, { kind: 'unavailable' }],
    [{ name: 'SqliteError', code: 'SQLITE_CANTOPEN', message: 'unable to open database file' }, { kind: 'unavailable' }],
    [{ name: 'SqliteError', code: 'SQLITE_IOERR_WRITE', message: 'disk I/O error' }, { kind: 'unavailable' }],
    [{ name: 'SqliteError', code: 'SQLITE_FULL', message: 'database or disk is full' }, { kind: 'unavailable' }],
  ])('%o is %o', (error, expected) => {
    expect(classifySqlError(error)).toEqual(expected);
  });
});

describe('parseDatabaseUrl', () => {
  it('reads an SQLite path', () => {
    expect(parseDatabaseUrl('sqlite:./data/switchboard.db')).toEqual(Result.succeed({ dialect: 'sqlite', path: './data/switchboard.db' }));
  });

  it('reads a MySQL URL with credentials, defaulting the port', () => {
    expect(parseDatabaseUrl('mysql://sb:p%40ss@db.internal/switchboard')).toEqual(
      Result.succeed({ dialect: 'mysql', host: 'db.internal', port: 3306, user: 'sb', password: 'p@ss', database: 'switchboard' }),
    );
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1:3307/sb')).toEqual(
      Result.succeed({ dialect: 'mysql', host: '127.0.0.1', port: 3307, user: 'root', password: '', database: 'sb' }),
    );
  });

  it.each(['postgres://x@y/z', 'mysql://root@127.0.0.1:3306', 'mysql://root@h/bad-name', 'sqlite:', 'not a url'])('refuses %s', (url) => {
    expect(Result.isFailure(parseDatabaseUrl(url))).toBe(true);
  });
});
