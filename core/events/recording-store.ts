import { Effect } from 'effect';
import type { User } from '../access/user.ts';
import type { UserRepository } from '../access/user.port.ts';
import type { DomainEvent } from '../shared/events.ts';
import type { Stored } from '../shared/errors.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import type { Message } from '../tickets/message.ts';
import type { MessageRepository } from '../tickets/message.port.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { TicketRepository } from '../tickets/ticket.port.ts';
import type { EventRecord } from './envelope.ts';
import { eventRecord, subjectOf, type Subject } from './event-record.mapper.ts';

type Seen = { readonly tickets: Map<string, Ticket>; readonly messages: Map<string, Message>; readonly users: Map<string, User> };

const remember = <V extends { readonly id: string }>(into: Map<string, V>) => (value: V | null) => {
  if (value !== null) into.set(value.id, value);
};

// Wraps the methods named in `results` (note what they return) and `writes` (note their first argument once
// they succeed); every other method passes through, so a port that grows needs no change here.
const watched = <R extends object, V extends { readonly id: string }>(repo: R, seen: Map<string, V>, results: ReadonlyArray<string>, writes: ReadonlyArray<string>): R =>
  new Proxy(repo, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Effect.Effect<unknown, unknown>;
      const name = String(property);
      if (results.includes(name)) return (...args: unknown[]) => Effect.map(method.apply(target, args), (v) => (remember(seen)(v as V | null), v));
      if (writes.includes(name)) return (...args: unknown[]) => Effect.map(method.apply(target, args), (v) => (remember(seen)(args[0] as V), v));
      return method.bind(target);
    },
  });

const lookup = (store: Store, seen: Seen, event: DomainEvent): Stored<Subject | null> => {
  const ref = subjectOf(event);
  if (ref === null) return Effect.succeed(null);
  if (ref.kind === 'message') {
    const message = seen.messages.get(ref.id);
    return Effect.succeed(message === undefined ? null : { message });
  }
  if (ref.kind === 'user') {
    const user = seen.users.get(ref.id);
    if (user !== undefined) return Effect.succeed({ user });
    return Effect.map(store.users.get(event.tenantId, ref.id), (u) => (u === null ? null : { user: u }));
  }
  const ticket = seen.tickets.get(ref.id);
  if (ticket !== undefined) return Effect.succeed({ ticket });
  return Effect.map(store.tickets.get(event.tenantId, ref.id), (t) => (t === null ? null : { ticket: t }));
};

/**
 * The store of one unit of work, with public events recorded beside the outbox: each appended domain
 * event becomes an envelope carrying its object as this unit last read or wrote it (a read only when it
 * did neither). An event whose object does not exist is not public and records nothing.
 */
export const recordingEvents = (store: Store): Store => {
  const seen: Seen = { tickets: new Map(), messages: new Map(), users: new Map() };
  const tickets = watched<TicketRepository, Ticket>(store.tickets, seen.tickets, ['get', 'findActiveForCustomer', 'findLatestByExternalRef'], ['insert', 'update']);
  const messages = watched<MessageRepository, Message>(store.messages, seen.messages, ['append'], []);
  const users = watched<UserRepository, User>(store.users, seen.users, ['get'], ['insert', 'update']);
  const append = (events: ReadonlyArray<DomainEvent>) =>
    Effect.gen(function* () {
      yield* store.outbox.append(events);
      const records: EventRecord[] = [];
      for (const event of events) {
        const subject = yield* lookup(store, seen, event);
        const record = subject === null ? null : eventRecord(event, subject);
        if (record !== null) records.push(record);
      }
      if (records.length > 0) yield* store.events.record(records);
    });
  return { ...store, tickets, messages, users, outbox: { append } };
};
