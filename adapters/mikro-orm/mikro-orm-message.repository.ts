import { Effect } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Message } from '../../core/tickets/message.ts';
import type { MessageRepository } from '../../core/tickets/message.port.ts';
import { MessageEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { emptyPage, pageFrom } from './sql-page.ts';
import { fresh, type SqlSession } from './sql-session.ts';
import { queryRows, runStatement } from './sql-statements.ts';

type MessageRow = InferEntity<typeof MessageEntity>;

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  ticketId: row.ticketId,
  tenantId: row.tenantId,
  senderType: row.senderType as Message['senderType'],
  senderId: row.senderId ?? null,
  message: row.message,
  sequence: row.sequence,
  createdAt: row.createdAt,
});

const lastSequence =
  'coalesce((select `m`.`sequence` from `messages` as `m` where `m`.`tenant_id` = ? and `m`.`ticket_id` = ? order by `m`.`sequence` desc limit 1), 0) + 1';
const insertSelect = (sequence: string) =>
  'insert into `messages` (`id`, `ticket_id`, `tenant_id`, `sender_type`, `sender_id`, `message`, `created_at`, `sequence`) ' +
  `select ?, ?, ?, ?, ?, ?, ?, ${sequence}`;
// One statement computes and stores the next sequence; MySQL hands it back as the insert id (LAST_INSERT_ID(expr)).
const appendMysql = insertSelect(`last_insert_id(${lastSequence})`);
const appendSqlite = `${insertSelect(lastSequence)} returning \`sequence\``;

export class MikroOrmMessageRepository implements MessageRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  append(message: Omit<Message, 'sequence'>): Stored<Message> {
    const session = this.#session;
    const { id, ticketId, tenantId, senderType, senderId, createdAt } = message;
    const params = [id, ticketId, tenantId, senderType, senderId, message.message, createdAt, tenantId, ticketId];
    const next = async (): Promise<number> =>
      session.dialect === 'mysql'
        ? (await runStatement(session, appendMysql, params)).insertId
        : Number((await queryRows(session, appendSqlite, params))[0]?.['sequence']);
    return sql(next).pipe(
      Effect.flatMap((sequence) =>
        Number.isInteger(sequence) && sequence > 0 ? Effect.succeed({ ...message, sequence }) : Effect.die(new Error(`no sequence back from the append: ${sequence}`)),
      ),
    );
  }

  list(tenantId: string, ticketId: string, page: PageRequest): Stored<Page<Message>> {
    const after = page.after === null ? 0 : Number(page.after);
    if (!Number.isInteger(after)) return Effect.succeed(emptyPage);
    return sql(() =>
      this.#session.em.find(
        MessageEntity,
        { tenantId, ticketId, sequence: { $gt: after } },
        { ...fresh, orderBy: { sequence: 'asc' }, limit: page.limit + 1 },
      ),
    ).pipe(Effect.map((rows) => pageFrom(rows.map(toMessage), page, (m) => String(m.sequence))));
  }
}
