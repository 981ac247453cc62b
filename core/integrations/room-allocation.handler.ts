import { Effect } from 'effect';
import { allocationTrigger } from '../allocation/allocation-trigger.ts';
import type { DomainEvent } from '../shared/events.ts';
import type { EventHandler } from '../shared/outbox.port.ts';
import type { AllocateRoomsUseCase } from './allocate-rooms.use-case.ts';

/** Runs the platform allocator whenever a room is queued or capacity may have freed up (the native triggers). */
export class RoomAllocationHandler implements EventHandler {
  readonly name = 'integrations.allocate-rooms';
  readonly #allocateRooms: AllocateRoomsUseCase;

  constructor(allocateRooms: AllocateRoomsUseCase) {
    this.#allocateRooms = allocateRooms;
  }

  handles(event: DomainEvent): boolean {
    return event.type === 'room.queued' || allocationTrigger(event) !== null;
  }

  handle(event: DomainEvent) {
    return Effect.asVoid(this.#allocateRooms.execute({ tenantId: event.tenantId }));
  }
}
