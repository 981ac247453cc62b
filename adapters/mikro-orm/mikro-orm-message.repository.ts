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

export class MikroOrmMessageRepository implements MessageRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  append(message: Omit<Message, 'sequence'>): Stored<Message> {
    const { em } = this.#session;
    return Effect.gen(function* () {
      const last = yield* sql(() =>
        em
          .createQueryBuilder(MessageEntity)
          .select('sequence')
          .where({ tenantId: message.tenantId, ticketId: message.ticketId })
          .orderBy({ sequence: 'desc' })
          .limit(1)
          .execute('get'),
      );
      const stored: Message = { ...message, sequence: (last?.sequence ?? 0) + 1 };
      yield* sql(() => em.insert(MessageEntity, { ...stored }));
      return stored;
    });
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
