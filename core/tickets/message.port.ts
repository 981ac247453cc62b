import type { Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Message } from './message.ts';

/** A ticket's conversation, numbered per ticket. */
export interface MessageRepository {
  /**
   * Appends with the ticket's next sequence number and returns the stored message. Callers hold the
   * ticket row (`TicketRepository.get(..., { forUpdate: true })`) so sequences never collide.
   */
  append(message: Omit<Message, 'sequence'>): Stored<Message>;
  /** Oldest first, by sequence. */
  list(tenantId: string, ticketId: string, page: PageRequest): Stored<Page<Message>>;
}
