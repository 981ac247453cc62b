import { Effect } from 'effect';
import type { ChatPlatform, ChatPlatformFailure } from '../allocation/chat-platform.port.ts';
import { PermanentJobFailure } from '../shared/errors.ts';
import type { JobFailure } from '../shared/job-failure.ts';
import type { DomainEvent } from '../shared/events.ts';
import type { EventHandler } from '../shared/outbox.port.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { isActive, isPlatformChannel } from '../tickets/ticket.ts';
import { retryable } from './integrations.shared.ts';
import { accountOf } from './platform-integration.ts';

/** A refused resolve (a 4xx other than 429 and the credentials) is refused again on every retry. */
const asJobFailure = (error: ChatPlatformFailure): JobFailure =>
  error._tag === 'ChatPlatformRequestRejected'
    ? new PermanentJobFailure({ reason: `chat platform refused ${error.operation} (status ${error.status})` })
    : retryable(error);

/**
 * A platform room's ticket resolved or closed here resolves the room on the platform too; failures are
 * retried by the job system. Idempotent: resolving a resolved room succeeds. A room that has since
 * opened a new session (a newer active ticket) or a ticket reopened meanwhile is left alone, and so is
 * a ticket the platform itself resolved. The session is then marked over, so the platform's own
 * resolve notice for it is a repeat.
 */
export class ResolveRoomOnPlatformHandler implements EventHandler {
  readonly name = 'integrations.resolve-room';
  readonly #deps: { readonly uow: UnitOfWork; readonly platform: ChatPlatform };

  constructor(deps: { readonly uow: UnitOfWork; readonly platform: ChatPlatform }) {
    this.#deps = deps;
  }

  handles(event: DomainEvent): boolean {
    if (event.type !== 'ticket.status_changed') return false;
    const { from, to, by } = event.payload;
    return by !== 'platform' && isActive({ status: from }) && !isActive({ status: to });
  }

  handle(event: DomainEvent): Effect.Effect<void, JobFailure> {
    if (event.type !== 'ticket.status_changed') return Effect.void;
    const { uow, platform } = this.#deps;
    const { tenantId } = event;
    const { ticketId } = event.payload;
    return Effect.gen(function* () {
      const target = yield* uow.read((store) =>
        Effect.gen(function* () {
          const ticket = yield* store.tickets.get(tenantId, ticketId);
          if (ticket === null || !isPlatformChannel(ticket.channel) || ticket.externalRef === null || isActive(ticket)) return null;
          const latest = yield* store.tickets.findLatestByExternalRef(tenantId, ticket.channel, ticket.externalRef);
          if (latest !== null && latest.id !== ticket.id && isActive(latest)) return null;
          const integration = yield* store.integrations.get(tenantId);
          const session = yield* store.integrations.sessionOfTicket(tenantId, ticketId);
          return integration === null ? null : { roomId: ticket.externalRef, account: accountOf(integration), session };
        }),
      );
      if (target === null) return;
      yield* platform.resolveRoom(target.account, target.roomId).pipe(Effect.mapError(asJobFailure));
      const { session } = target;
      if (session !== null) yield* uow.transaction((store) => store.integrations.saveSession({ ...session, resolved: true }));
    });
  }
}
