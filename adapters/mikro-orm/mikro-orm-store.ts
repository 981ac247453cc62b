import type { SecretCipher } from '../../core/integrations/integration.port.ts';
import type { Store } from '../../core/shared/unit-of-work.port.ts';
import type { SqlSession } from './sql-session.ts';
import { MikroOrmTenantRepository } from './mikro-orm-tenant.repository.ts';
import { MikroOrmUserRepository } from './mikro-orm-user.repository.ts';
import { MikroOrmRefreshTokenRepository } from './mikro-orm-refresh-token.repository.ts';
import { MikroOrmCustomerRepository } from './mikro-orm-customer.repository.ts';
import { MikroOrmTicketRepository } from './mikro-orm-ticket.repository.ts';
import { MikroOrmMessageRepository } from './mikro-orm-message.repository.ts';
import { MikroOrmChannelRepository } from './mikro-orm-channel.repository.ts';
import { MikroOrmAgentPool } from './mikro-orm-agent-pool.ts';
import { MikroOrmAllocationQueue } from './mikro-orm-allocation-queue.ts';
import { MikroOrmEventOutbox } from './mikro-orm-event-outbox.ts';
import { MikroOrmIntegrationRepository } from './mikro-orm-integration.repository.ts';
import { MikroOrmEventLog } from './mikro-orm-event-log.ts';
import { recordingEvents } from '../../core/events/recording-store.ts';
import { MikroOrmSupportReports } from './mikro-orm-support-reports.ts';
import { MikroOrmWebhookRepository } from './mikro-orm-webhook.repository.ts';
import { MikroOrmStreamTicketRepository } from './mikro-orm-stream-tickets.ts';
import { MikroOrmStreamLeaseRepository } from './mikro-orm-stream-leases.ts';

/** Every repository, bound to one unit of work's session; `secrets` seals the integrations' and channels' secrets at rest. */
export const mikroOrmStore = (session: SqlSession, secrets: SecretCipher): Store =>
  recordingEvents({
  tenants: new MikroOrmTenantRepository(session),
  users: new MikroOrmUserRepository(session),
  refreshTokens: new MikroOrmRefreshTokenRepository(session),
  customers: new MikroOrmCustomerRepository(session),
  tickets: new MikroOrmTicketRepository(session),
  messages: new MikroOrmMessageRepository(session),
  channels: new MikroOrmChannelRepository(session, secrets),
  agents: new MikroOrmAgentPool(session),
  queue: new MikroOrmAllocationQueue(session),
  outbox: new MikroOrmEventOutbox(session),
  integrations: new MikroOrmIntegrationRepository(session, secrets),
  events: new MikroOrmEventLog(session),
  reports: new MikroOrmSupportReports(session),
  webhooks: new MikroOrmWebhookRepository(session, secrets),
  streamTickets: new MikroOrmStreamTicketRepository(session),
  streamLeases: new MikroOrmStreamLeaseRepository(session),
  });
