import type { Effect } from 'effect';
import type { StoreUnavailable } from './errors.ts';
import type { EventOutbox } from './outbox.port.ts';
import type { TenantRepository } from '../tenancy/tenant.port.ts';
import type { UserRepository } from '../access/user.port.ts';
import type { RefreshTokenRepository } from '../access/refresh-token.port.ts';
import type { CustomerRepository } from '../tickets/customer.port.ts';
import type { TicketRepository } from '../tickets/ticket.port.ts';
import type { SupportReports } from '../tickets/report.port.ts';
import type { MessageRepository } from '../tickets/message.port.ts';
import type { ChannelRepository } from '../channels/channel.port.ts';
import type { AgentPool, AllocationQueue } from '../allocation/allocation.port.ts';
import type { IntegrationRepository } from '../integrations/integration.port.ts';
import type { EventLog } from '../events/event-log.port.ts';
import type { WebhookRepository } from '../webhooks/webhook.port.ts';
import type { StreamLeaseRepository, StreamTicketRepository } from '../events/stream-access.port.ts';

/** Every store port, bound to one unit of work. */
export interface Store {
  readonly tenants: TenantRepository;
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly customers: CustomerRepository;
  readonly tickets: TicketRepository;
  readonly messages: MessageRepository;
  readonly channels: ChannelRepository;
  readonly agents: AgentPool;
  readonly queue: AllocationQueue;
  readonly outbox: EventOutbox;
  readonly integrations: IntegrationRepository;
  /** Public events (envelopes), recorded with every outbox append of a public domain event. */
  readonly events: EventLog;
  readonly reports: SupportReports;
  /** Outbound webhook endpoints and their deliveries. */
  readonly webhooks: WebhookRepository;
  /** Live-event stream tickets and the leases that count each user's open streams. */
  readonly streamTickets: StreamTicketRepository;
  readonly streamLeases: StreamLeaseRepository;
}

/** How use cases reach the store: every read and write runs inside one of its units. */
export interface UnitOfWork {
  /** Runs `work` in one transaction: its writes and appended events commit together or not at all. */
  transaction<A, E>(work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable>;
  /**
   * Like `transaction`, serialized with every other exclusive section of the same tenant
   * (a per-tenant row lock in SQL adapters, an async mutex in memory). Allocation runs here.
   */
  exclusive<A, E>(tenantId: string, work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable>;
  /** Reads that need no transaction. */
  read<A, E>(work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable>;
}
