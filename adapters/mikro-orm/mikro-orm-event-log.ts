import { Effect } from 'effect';
import type { EventRecord, LoggedEvent, PublicEventType } from '../../core/events/envelope.ts';
import type { EventLog } from '../../core/events/event-log.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows, runDeferrable, runStatement, sqlDate, textOrNull, type RawRow } from './sql-statements.ts';

const tenantStream = '';

const bump = (dialect: SqlSession['dialect']): string =>
  'insert into `event_counters` (`tenant_id`, `stream`, `last`) values (?, ?, ?) ' +
  (dialect === 'mysql' ? 'on duplicate key update `last` = `last` + ?' : 'on conflict (`tenant_id`, `stream`) do update set `last` = `last` + ?');

const counter = '(select `last` from `event_counters` where `tenant_id` = ? and `stream` = ?)';
const columns = 'insert into `events` (`tenant_id`, `position`, `event_id`, `type`, `ticket_id`, `sequence`, `occurred_at`, `data`) ';
const withTicket = `select ?, ${counter} - ?, ?, ?, ?, ${counter} - ?, ?, ?`;
const withoutTicket = `select ?, ${counter} - ?, ?, ?, null, null, ?, ?`;
/** Rows per INSERT: well under SQLite's 32,766 parameters. */
const rowsPerInsert = 500;

const toLogged = (row: RawRow): LoggedEvent => {
  const data = row['data'];
  return {
    tenantId: String(row['tenant_id']),
    position: Number(row['position']),
    eventId: String(row['event_id']),
    type: row['type'] as PublicEventType,
    ticketId: textOrNull(row['ticket_id']),
    sequence: row['sequence'] === null || row['sequence'] === undefined ? null : Number(row['sequence']),
    occurredAt: sqlDate(row['occurred_at']),
    data: (typeof data === 'string' ? JSON.parse(data) : data) as Record<string, unknown>,
  };
};

/** How many of `items` share each key, and each item's rank among them (0 first). */
const ranks = <T>(items: ReadonlyArray<T>, key: (item: T) => string | null) => {
  const counts = new Map<string, number>();
  const rank = items.map((item) => {
    const k = key(item);
    if (k === null) return 0;
    const n = counts.get(k) ?? 0;
    counts.set(k, n + 1);
    return n;
  });
  return { counts, rank };
};

/**
 * The `events` table and its counters. `record` bumps the tenant's counter first, then the tickets',
 * then inserts: a unit holding any counter row already holds its tenant's, so counters never deadlock,
 * and the tenant's row lock (held to COMMIT) makes positions commit in order. In a transaction a unit's
 * records are held and written together just before COMMIT (one bump per counter, one INSERT); on MySQL
 * those statements travel with the COMMIT.
 */
export class MikroOrmEventLog implements EventLog {
  readonly #session: SqlSession;
  readonly #pending: EventRecord[] = [];

  constructor(session: SqlSession) {
    this.#session = session;
  }

  record(records: ReadonlyArray<EventRecord>): Stored<void> {
    if (records.length === 0) return Effect.void;
    // In a transaction the unit's records wait for one write just before COMMIT: one counter bump per tenant and ticket, one INSERT.
    if (this.#pending.length > 0 || this.#session.beforeCommit?.(() => this.#flush()) === true) {
      this.#pending.push(...records);
      return Effect.void;
    }
    return sql(() => this.#write(records));
  }

  /** Writes the held records (reads call it first: a unit sees its own events). */
  async #flush(): Promise<void> {
    const records = this.#pending.splice(0);
    if (records.length > 0) await this.#write(records);
  }

  async #write(records: ReadonlyArray<EventRecord>): Promise<void> {
    const session = this.#session;
    const write = (statement: string, params: ReadonlyArray<unknown>) => runDeferrable(session, statement, params);
    const byTenant = ranks(records, (r) => r.tenantId);
    const byTicket = ranks(records, (r) => (r.ticketId === null ? null : `${r.tenantId}\u0000${r.ticketId}`));
    for (const [tenantId, n] of [...byTenant.counts].sort()) await write(bump(session.dialect), [tenantId, tenantStream, n, n]);
    for (const [key, n] of [...byTicket.counts].sort()) {
      const [tenantId, ticketId] = key.split('\u0000');
      await write(bump(session.dialect), [tenantId, ticketId, n, n]);
    }
    const rows = records.map((r, i) => {
      const behind = (byTenant.counts.get(r.tenantId) ?? 1) - 1 - (byTenant.rank[i] ?? 0);
      const position = [r.tenantId, r.tenantId, tenantStream, behind, r.eventId, r.type];
      const tail = [r.occurredAt, JSON.stringify(r.data)];
      if (r.ticketId === null) return { select: withoutTicket, params: [...position, ...tail] };
      const ticketBehind = (byTicket.counts.get(`${r.tenantId}\u0000${r.ticketId}`) ?? 1) - 1 - (byTicket.rank[i] ?? 0);
      return { select: withTicket, params: [...position, r.ticketId, r.tenantId, r.ticketId, ticketBehind, ...tail] };
    });
    for (let i = 0; i < rows.length; i += rowsPerInsert) {
      const chunk = rows.slice(i, i + rowsPerInsert);
      await write(columns + chunk.map((r) => r.select).join(' union all '), chunk.flatMap((r) => r.params));
    }
  }

  after(tenantId: string, position: number, limit: number): Stored<ReadonlyArray<LoggedEvent>> {
    const statement = 'select * from `events` where `tenant_id` = ? and `position` > ? order by `position` limit ?';
    return sql(() => this.#flush().then(() => queryRows(this.#session, statement, [tenantId, Math.max(0, Math.floor(position)), limit]))).pipe(Effect.map((rows) => rows.map(toLogged)));
  }

  last(tenantId: string): Stored<number> {
    const statement = 'select `last` from `event_counters` where `tenant_id` = ? and `stream` = ?';
    return sql(() => this.#flush().then(() => queryRows(this.#session, statement, [tenantId, tenantStream]))).pipe(Effect.map((rows) => Number(rows[0]?.['last'] ?? 0)));
  }

  has(tenantId: string, position: number): Stored<boolean> {
    const statement = 'select 1 as `found` from `events` where `tenant_id` = ? and `position` = ?';
    return sql(() => this.#flush().then(() => queryRows(this.#session, statement, [tenantId, position]))).pipe(Effect.map((rows) => rows.length > 0));
  }

  byEventId(tenantId: string, eventId: string): Stored<LoggedEvent | null> {
    const statement = 'select * from `events` where `tenant_id` = ? and `event_id` = ?';
    return sql(() => this.#flush().then(() => queryRows(this.#session, statement, [tenantId, eventId]))).pipe(Effect.map((rows) => (rows[0] === undefined ? null : toLogged(rows[0]))));
  }

  prune(before: Date, limit: number): Stored<number> {
    const statement =
      this.#session.dialect === 'mysql'
        ? 'delete from `events` where `occurred_at` < ? limit ?'
        : 'delete from `events` where rowid in (select rowid from `events` where `occurred_at` < ? limit ?)';
    return sql(() => this.#flush().then(() => runStatement(this.#session, statement, [before, limit]))).pipe(Effect.map((r) => r.affectedRows));
  }
}
