import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Message } from '../../core/tickets/message.ts';
import type { MessageRepository } from '../../core/tickets/message.port.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { pageOf } from './memory-page.ts';

export class MemoryMessageRepository implements MessageRepository {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  append(message: Omit<Message, 'sequence'>): Stored<Message> {
    return Effect.sync(() => {
      const last = this.#ofTicket(message.tenantId, message.ticketId).reduce((max, m) => Math.max(max, m.sequence), 0);
      const stored: Message = { ...message, sequence: last + 1 };
      this.#db.messages.set(stored.id, stored);
      return stored;
    });
  }

  list(tenantId: string, ticketId: string, page: PageRequest): Stored<Page<Message>> {
    return Effect.sync(() => {
      const rows = this.#ofTicket(tenantId, ticketId).sort((a, b) => a.sequence - b.sequence);
      return pageOf(rows, page, (m) => String(m.sequence), (m, position) => m.sequence > Number(position));
    });
  }

  #ofTicket(tenantId: string, ticketId: string): Message[] {
    return [...this.#db.messages.values()].filter((m) => m.tenantId === tenantId && m.ticketId === ticketId);
  }
}
