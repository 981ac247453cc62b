import { useCallback, useEffect, useState } from 'react';
import { useConsole, useLive } from '../context.tsx';
import { mergeMessage, ticketIdOf } from '../lib/events.ts';
import { pagePath, readAll } from '../lib/paging.ts';
import type { Customer, Message, Page, Ticket, User } from '../lib/types.ts';

export interface TicketData {
  readonly ticket: Ticket;
  readonly customer: Customer | null;
  readonly messages: ReadonlyArray<Message>;
  readonly staff: ReadonlyMap<string, User>;
}

/** A ticket with its customer, whole conversation and the staff names, kept current by live events. */
export const useTicket = (ticketId: string) => {
  const { api } = useConsole();
  const [data, setData] = useState<TicketData | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    const id = encodeURIComponent(ticketId);
    try {
      const [ticket, conversation, users] = await Promise.all([
        api.get<Ticket>(`/api/tickets/${id}`),
        readAll<Message>((cursor) => api.get<Page<Message>>(pagePath(`/api/tickets/${id}/conversations`, {}, cursor, 100))),
        readAll<User>((cursor) => api.get<Page<User>>(pagePath('/api/users', {}, cursor, 100)), 10),
      ]);
      const customer = await api.get<Customer>(`/api/customers/${encodeURIComponent(ticket.customer_id)}`).catch(() => null);
      setData({ ticket, customer, messages: conversation.items, staff: new Map(users.items.map((u) => [u.id, u])) });
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [api, ticketId]);

  useEffect(() => void load(), [load]);

  useLive((signal) => {
    if (signal.kind === 'reset') return void load();
    if (ticketIdOf(signal.event) !== ticketId) return;
    const { ticket, message } = signal.event.data;
    setData((current) => {
      if (current === null) return current;
      if (message !== undefined) return { ...current, messages: mergeMessage(current.messages, message) };
      if (ticket !== undefined && ticket.updated_at >= current.ticket.updated_at) return { ...current, ticket };
      return current;
    });
  });

  const setTicket = (ticket: Ticket) => setData((current) => (current === null ? current : { ...current, ticket }));
  const addMessage = (message: Message) => setData((current) => (current === null ? current : { ...current, messages: mergeMessage(current.messages, message) }));
  return { data, error, setTicket, addMessage };
};
