import type { SqlFailure } from './sql-failure.ts';
import { LoggableSqlError } from './sql-log.ts';

export type { SqlFailure } from './sql-failure.ts';

interface UniqueKey {
  readonly index: string;
  /** How SQLite names it: `table.column, table.column`. */
  readonly columns: string;
  /** The key name the ports promise in `DuplicateKey`. */
  readonly key: string;
}

const uniqueKeys: ReadonlyArray<UniqueKey> = [
  { index: 'users_email_unique', columns: 'users.tenant_id, users.email_key', key: 'users.email' },
  { index: 'users_login_email_unique', columns: 'users.login_email_key', key: 'users.login_email' },
  { index: 'customers_external_id_unique', columns: 'customers.tenant_id, customers.external_id', key: 'customers.external_id' },
  { index: 'tickets_external_ref_unique', columns: 'tickets.tenant_id, tickets.channel, tickets.active_external_ref', key: 'tickets.external_ref' },
  { index: 'channels_key_unique', columns: 'channels.key', key: 'channels.key' },
  { index: 'outbox_id_unique', columns: 'outbox.id', key: 'outbox.id' },
  { index: 'integrations_webhook_token_unique', columns: 'integrations.webhook_token_hash', key: 'integrations.webhook_token' },
  // Two appends raced without holding the ticket row: retrying the unit picks the next sequence.
  { index: 'messages_sequence_unique', columns: 'messages.ticket_id, messages.sequence', key: 'messages.sequence' },
];

// 1213 deadlock, 1205 lock wait timeout, 1020 MariaDB snapshot conflict ("record has changed since last read").
const retryableErrnos = new Set([1213, 1205, 1020]);
// The database does not answer, or not in time: connection refused, lost or killed, server gone or
// shutting down, too many connections, access denied, statement timeout. Anything else is about the
// statement or its data (a defect), never an outage.
const outageCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'ENOTCONN', 'ESOCKETTIMEDOUT',
]);
const outageErrnos = new Set([
  1040, 1042, 1043, 1044, 1045, 1049, 1053, 1077, 1081, 1152, 1153, 1154, 1155, 1156, 1157, 1158, 1159, 1160, 1161,
  1184, 1203, 1226, 1290, 1317, 1836, 1927, 1969, 2002, 2003, 2005, 2006, 2013, 2055, 3024, 4031,
]);
// SQLite's result codes (extended ones start with the primary's name) for a file that cannot be used.
const outageSqliteCodes = ['SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_NOMEM', 'SQLITE_READONLY', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_PROTOCOL', 'SQLITE_INTERRUPT', 'SQLITE_PERM'];
const outageNames = new Set(['ConnectionException', 'ReadOnlyException', 'TimeoutError']);
const outageText = /connection (?:is not open|lost|closed|refused|terminated)|closed state|pool is closed|connect(?:ion)? timeout|timeout acquiring|server (?:has gone away|closed the connection)|socket hang up|(?:has|have) (?:already )?been (?:closed|destroyed|ended)/i;

interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly message?: unknown;
}

const shape = (error: unknown): ErrorShape => (typeof error === 'object' && error !== null ? (error as ErrorShape) : {});

/** The port's key name for a unique violation ('primary' for a primary key), or null when the error is not one. */
export const duplicateKeyOf = (error: unknown): string | null => {
  const { code, errno, message } = shape(error);
  const text = typeof message === 'string' ? message : '';
  const isUnique = errno === 1062 || errno === 1586 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || text.includes('UNIQUE constraint failed');
  if (!isUnique) return null;
  const known = uniqueKeys.find((k) => text.includes(`'${k.index}'`) || text.includes(`.${k.index}'`) || text.endsWith(k.columns));
  return known?.key ?? 'primary';
};

/** Classifies a driver error: a port-level duplicate, a transient conflict worth retrying, an outage, or (anything else) a bug. */
export const classifySqlError = (error: unknown): SqlFailure => {
  const key = duplicateKeyOf(error);
  if (key === 'messages.sequence') return { kind: 'retryable' };
  if (key !== null) return { kind: 'duplicate', key };
  const { name, code, errno, message } = shape(error);
  const text = typeof message === 'string' ? message : '';
  if (typeof errno === 'number' && retryableErrnos.has(errno)) return { kind: 'retryable' };
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return { kind: 'retryable' };
  if (name === 'DeadlockException' || name === 'LockWaitTimeoutException' || text.includes('database is locked')) return { kind: 'retryable' };
  return isOutage(name, code, errno, text) ? { kind: 'unavailable' } : { kind: 'defect' };
};

const isOutage = (name: unknown, code: unknown, errno: unknown, text: string): boolean =>
  (typeof code === 'string' && (outageCodes.has(code) || code.startsWith('PROTOCOL_') || outageSqliteCodes.some((c) => code.startsWith(c)))) ||
  (typeof errno === 'number' && outageErrnos.has(errno)) ||
  (typeof name === 'string' && outageNames.has(name)) ||
  outageText.test(text);

/** True for the transient conflicts (deadlock, lock wait timeout, snapshot conflict, SQLITE_BUSY) a whole unit is retried on. */
export const isRetryable = (error: unknown): boolean =>
  (error instanceof LoggableSqlError ? error.failure : classifySqlError(error)).kind === 'retryable';
