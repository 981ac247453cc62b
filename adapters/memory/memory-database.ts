import { Effect, Exit, Semaphore } from 'effect';
import type { Tenant } from '../../core/tenancy/tenant.ts';
import type { User } from '../../core/access/user.ts';
import type { RefreshToken } from '../../core/access/refresh-token.ts';
import type { Customer } from '../../core/tickets/customer.ts';
import type { Ticket } from '../../core/tickets/ticket.ts';
import type { Message } from '../../core/tickets/message.ts';
import type { Channel, ChannelDelivery } from '../../core/channels/channel.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { PlatformIntegration } from '../../core/integrations/platform-integration.ts';
import type { PlatformAgentLink, RoomSession, UnansweredAssign } from '../../core/integrations/integration.port.ts';
import type { StreamLease, StreamTicket } from '../../core/events/stream-access.port.ts';

/** A keyed collection whose writes are undone when the unit of work they belong to fails. */
export class MemoryTable<V> {
  readonly #rows = new Map<string, V>();
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  /** The row under `key`, if any. */
  get(key: string): V | undefined {
    return this.#rows.get(key);
  }

  /** Every row, in insertion order. */
  values(): IterableIterator<V> {
    return this.#rows.values();
  }

  get size(): number {
    return this.#rows.size;
  }

  /** Stores the row under `key`; undone if the unit of work fails. */
  set(key: string, value: V): void {
    const had = this.#rows.has(key);
    const previous = this.#rows.get(key);
    this.#db.recordUndo(() => (had ? this.#rows.set(key, previous as V) : this.#rows.delete(key)));
    this.#rows.set(key, value);
  }

  /** Removes the row under `key`; undone if the unit of work fails. */
  delete(key: string): void {
    if (!this.#rows.has(key)) return;
    const previous = this.#rows.get(key) as V;
    this.#db.recordUndo(() => this.#rows.set(key, previous));
    this.#rows.delete(key);
  }
}

/** Outbox rows as the memory relay sees them. */
export interface MemoryOutboxRow {
  readonly sequence: number;
  readonly event: DomainEvent;
  publishedAt: Date | null;
  /** Set by a relay's claim; the row is claimable again once this time has passed. */
  leasedUntil?: Date | null;
}

/**
 * All in-memory state of one Switchboard store. Units of work run one at a time (a single async
 * mutex), which also makes every per-tenant exclusive section exclusive; a failed one is rolled back.
 */
export class MemoryDatabase {
  readonly #lock = Semaphore.makeUnsafe(1);
  #journal: Array<() => void> | null = null;

  readonly tenants = new MemoryTable<Tenant>(this);
  readonly users = new MemoryTable<User>(this);
  readonly refreshTokens = new MemoryTable<RefreshToken>(this);
  readonly customers = new MemoryTable<Customer>(this);
  readonly tickets = new MemoryTable<Ticket>(this);
  readonly messages = new MemoryTable<Message>(this);
  readonly channels = new MemoryTable<Channel>(this);
  /** Keyed `${channelId}:${deliveryId}`. */
  readonly channelDeliveries = new MemoryTable<ChannelDelivery>(this);
  readonly outbox = new MemoryTable<MemoryOutboxRow>(this);
  /** Load figures reported by an external platform, keyed `${tenantId}:${agentId}`. */
  readonly reportedLoads = new MemoryTable<number>(this);
  /** Keyed by tenant id. */
  readonly integrations = new MemoryTable<PlatformIntegration>(this);
  /** Keyed `${tenantId}:${platformAgentId}`. */
  readonly platformAgentLinks = new MemoryTable<PlatformAgentLink>(this);
  /** Keyed `${tenantId}:${roomId}`. */
  readonly unansweredAssigns = new MemoryTable<UnansweredAssign>(this);
  /** Keyed `${tenantId}:${sessionId}`. */
  readonly roomSessions = new MemoryTable<RoomSession>(this);
  /** Keyed by token hash. */
  readonly streamTickets = new MemoryTable<StreamTicket>(this);
  /** Keyed by lease id. */
  readonly streamLeases = new MemoryTable<StreamLease>(this);

  /** Registers how to revert a write when the running unit of work fails. */
  recordUndo(undo: () => void): void {
    this.#journal?.push(undo);
  }

  /** Runs `work` alone; when it fails, dies or is interrupted, every write it made is undone. */
  atomically<A, E>(work: Effect.Effect<A, E>): Effect.Effect<A, E> {
    return this.#lock.withPermits(1)(
      Effect.suspend(() => {
        const journal: Array<() => void> = [];
        this.#journal = journal;
        return Effect.onExit(work, (exit) =>
          Effect.sync(() => {
            this.#journal = null;
            if (Exit.isFailure(exit)) for (const undo of journal.reverse()) undo();
          }),
        );
      }),
    );
  }
}
