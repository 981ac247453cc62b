import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import type { Page } from '../../../core/shared/page.ts';
import type { Message } from '../../../core/tickets/message.ts';
import { appendMessage } from '../../../core/tickets/conversation.effects.ts';
import { ListMessagesUseCase } from '../../../core/tickets/list-messages.use-case.ts';
import { PostMessageUseCase } from '../../../core/tickets/post-message.use-case.ts';
import { expectFailure, run, ticketsWorld, type TicketsWorld } from './tickets-world.ts';

const listAll = async (w: TicketsWorld, ticketId: string, limit: number) => {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: Page<Message> = await run(new ListMessagesUseCase(w.deps).execute({ ticketId, page: { limit, after } }, w.asAgent));
    seen.push(...page.items.map((m) => m.message));
    after = page.next;
  } while (after !== null);
  return seen;
};

describe('PostMessageUseCase', () => {
  it.each([
    ['asAdmin', 'admin'],
    ['asAgent', 'agent'],
  ] as const)('posts as the actor (%s): sender_type is the role, sender_id the user; emits message.created', async (who, role) => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    const message = await run(new PostMessageUseCase(w.deps).execute({ ticketId: ticket.id, message: 'On it 👍' }, w[who]));
    expect(message).toMatchObject({ ticketId: ticket.id, tenantId: w.tenant.id, senderType: role, senderId: w[who].userId, message: 'On it 👍', sequence: 1 });
    expect(w.eventsOf('message.created').map((e) => e.payload)).toEqual([{ ticketId: ticket.id, messageId: message.id, senderType: role }]);
  });

  it('keeps a resolved ticket resolved', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.withStatus('resolved'));
    await run(new PostMessageUseCase(w.deps).execute({ ticketId: ticket.id, message: 'follow-up' }, w.asAdmin));
    // The status stays; the first staff message is recorded as the first response.
    expect(await w.storedTicket(ticket.id)).toEqual({ ...ticket, firstRespondedAt: w.clock.now(), firstResponderId: w.admin.id, updatedAt: w.clock.now() });
  });

  it('answers TicketClosed on a closed ticket and stores nothing', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.withStatus('closed'));
    await expectFailure(new PostMessageUseCase(w.deps).execute({ ticketId: ticket.id, message: 'hello?' }, w.asAdmin), 'TicketClosed');
    expect(await listAll(w, ticket.id, 10)).toEqual([]);
    expect(w.events()).toEqual([]);
  });

  it('answers NotFound for a missing or foreign ticket', async () => {
    const w = await ticketsWorld();
    await expectFailure(new PostMessageUseCase(w.deps).execute({ ticketId: 'missing', message: 'x' }, w.asAgent), 'NotFound');
    const ticket = await w.givenTicket();
    await expectFailure(new PostMessageUseCase(w.deps).execute({ ticketId: ticket.id, message: 'x' }, w.asForeignAdmin), 'NotFound');
  });

  it.each([
    ['empty', ''],
    ['10001 code points', '💬'.repeat(10_001)],
  ])('answers InvalidInput on message for a %s message', async (_name, text) => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    const error = await expectFailure(new PostMessageUseCase(w.deps).execute({ ticketId: ticket.id, message: text }, w.asAdmin), 'InvalidInput');
    expect(error.path).toBe('message');
  });

  it('round-trips 4-byte characters: 10000 emoji are one message, stored exactly', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    const text = '𝄞😀🀄'.repeat(3333) + '👍';
    expect(Array.from(text)).toHaveLength(10_000);
    await run(new PostMessageUseCase(w.deps).execute({ ticketId: ticket.id, message: text }, w.asAdmin));
    expect(await listAll(w, ticket.id, 5)).toEqual([text]);
  });
});

describe('ListMessagesUseCase', () => {
  it('lists oldest first in insertion order, also within one millisecond, across pages', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    const post = new PostMessageUseCase(w.deps);
    const texts = Array.from({ length: 7 }, (_, i) => `m${i}`);
    for (const message of texts) await run(post.execute({ ticketId: ticket.id, message }, w.asAdmin));
    expect(await listAll(w, ticket.id, 3)).toEqual(texts);
  });

  it('visits every message once while messages are added between pages', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    const post = new PostMessageUseCase(w.deps);
    const list = new ListMessagesUseCase(w.deps);
    for (const message of ['a', 'b', 'c']) await run(post.execute({ ticketId: ticket.id, message }, w.asAdmin));
    const seen: string[] = [];
    let after: string | null = null;
    let added = 0;
    do {
      const page: Page<Message> = await run(list.execute({ ticketId: ticket.id, page: { limit: 2, after } }, w.asAgent));
      seen.push(...page.items.map((m) => m.message));
      after = page.next;
      if (added < 3) await run(post.execute({ ticketId: ticket.id, message: `new${added++}` }, w.asAgent));
    } while (after !== null);
    expect(added).toBe(2);
    expect(seen).toEqual(['a', 'b', 'c', 'new0']);
  });

  it('answers NotFound for a foreign ticket', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    await expectFailure(new ListMessagesUseCase(w.deps).execute({ ticketId: ticket.id, page: { limit: 5, after: null } }, w.asForeignAdmin), 'NotFound');
  });
});

describe('appendMessage (channel intake helper)', () => {
  it('appends a customer message with the customer as sender and emits message.created', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    const message = await run(
      w.uow.transaction((store) =>
        Effect.flatMap(store.tickets.get(w.tenant.id, ticket.id, { forUpdate: true }), (locked) =>
          appendMessage(store, w.deps, { ticket: locked ?? ticket, senderType: 'customer', senderId: w.customer.id, message: 'Hi from WhatsApp 📱' }),
        ),
      ),
    );
    expect(message).toMatchObject({ senderType: 'customer', senderId: w.customer.id, sequence: 1 });
    expect(w.eventsOf('message.created')[0]?.payload).toEqual({ ticketId: ticket.id, messageId: message.id, senderType: 'customer' });
  });

  it('fails with TicketClosed on a closed ticket', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.withStatus('closed'));
    await expectFailure(
      w.uow.transaction((store) => appendMessage(store, w.deps, { ticket, senderType: 'customer', senderId: w.customer.id, message: 'x' })),
      'TicketClosed',
    );
  });
});
