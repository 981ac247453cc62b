import type { Store } from '../../core/shared/unit-of-work.port.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { MemoryTenantRepository } from './memory-tenant.repository.ts';
import { MemoryUserRepository } from './memory-user.repository.ts';
import { MemoryRefreshTokenRepository } from './memory-refresh-token.repository.ts';
import { MemoryCustomerRepository } from './memory-customer.repository.ts';
import { MemoryTicketRepository } from './memory-ticket.repository.ts';
import { MemoryMessageRepository } from './memory-message.repository.ts';
import { MemoryChannelRepository } from './memory-channel.repository.ts';
import { MemoryAgentPool } from './memory-agent-pool.ts';
import { MemoryAllocationQueue } from './memory-allocation-queue.ts';
import { MemoryEventOutbox } from './memory-event-outbox.ts';
import { MemoryIntegrationRepository } from './memory-integration.repository.ts';
import { MemoryEventLog } from './memory-event-log.ts';
import { MemorySupportReports } from './memory-support-reports.ts';
import { MemoryWebhookRepository } from './memory-webhook.repository.ts';
import { MemoryStreamLeaseRepository, MemoryStreamTicketRepository } from './memory-streams.ts';

export const memoryStore = (db: MemoryDatabase): Store => ({
  tenants: new MemoryTenantRepository(db),
  users: new MemoryUserRepository(db),
  refreshTokens: new MemoryRefreshTokenRepository(db),
  customers: new MemoryCustomerRepository(db),
  tickets: new MemoryTicketRepository(db),
  messages: new MemoryMessageRepository(db),
  channels: new MemoryChannelRepository(db),
  agents: new MemoryAgentPool(db),
  queue: new MemoryAllocationQueue(db),
  outbox: new MemoryEventOutbox(db),
  integrations: new MemoryIntegrationRepository(db),
  events: new MemoryEventLog(db),
  reports: new MemorySupportReports(db),
  webhooks: new MemoryWebhookRepository(db),
  streamTickets: new MemoryStreamTicketRepository(db),
  streamLeases: new MemoryStreamLeaseRepository(db),
});
