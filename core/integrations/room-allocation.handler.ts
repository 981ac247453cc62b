import { Effect } from 'effect';
import { allocationTrigger } from '../allocation/allocation-trigger.ts';
import type { DomainEvent } from '../shared/events.ts';
import type { EventHandler } from '../shared/outbox.port.ts';
import type { AllocateRoomsUseCase } from './allocate-rooms.use-case.ts';
import { coalesceByKey } from '../shared/coalesce.ts';

/** Runs the platform allocator whenever a room is queued or capacity may have freed up (the native triggers). */
export class RoomAllocationHandler implements EventHandler {
  readonly name = 'integrations.allocate-rooms';
  readonly #allocateRooms: AllocateRoomsUseCase;
  /** A burst of triggers for one tenant becomes one room run (and one more if any came during it). */
  readonly #coalesced = coalesceByKey();

  constructor(allocateRooms: AllocateRoomsUseCase) {
    this.#allocateRooms = allocateRooms;
  }

  handles(event: DomainEvent): boolean {
    return event.type === 'room.queued' || allocationTrigger(event) !== null;
  }

  handle(event: DomainEvent) {
    return this.#coalesced(event.tenantId, Effect.asVoid(this.#allocateRooms.execute({ tenantId: event.tenantId })));
  }
}
