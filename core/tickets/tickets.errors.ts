import { Data } from 'effect';
import type { TicketStatus } from './ticket.ts';

/** The status change is not in the transition table; `allowed` lists the moves from `from`. */
export class InvalidTransition extends Data.TaggedError('InvalidTransition')<{
  readonly from: TicketStatus;
  readonly to: TicketStatus;
  readonly allowed: ReadonlyArray<TicketStatus>;
}> {}

/** A closed ticket takes no messages and no (un)assignment. */
export class TicketClosed extends Data.TaggedError('TicketClosed')<{ readonly ticketId: string }> {}

/** Another customer of the tenant already has this external id. */
export class ExternalIdTaken extends Data.TaggedError('ExternalIdTaken')<{ readonly externalId: string }> {}
