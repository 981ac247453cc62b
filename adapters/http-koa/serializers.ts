import type { User } from '../../core/access/user.ts';
import type { AgentLoadView } from '../../core/allocation/list-agent-loads.use-case.ts';
import type { QueuedTicket } from '../../core/allocation/allocation.port.ts';
import type { Channel } from '../../core/channels/channel.ts';
import type { TenantSettings } from '../../core/tenancy/tenant.ts';
import type { Customer } from '../../core/tickets/customer.ts';
import type { Message } from '../../core/tickets/message.ts';
import type { Ticket } from '../../core/tickets/ticket.ts';
import type { Session } from '../../core/access/session.ts';
import { isoString } from './iso-date.ts';
import { messageView, ticketView, userView } from '../../core/events/public-views.ts';
import { businessHoursJson, slaPolicyJson } from './sla.serializers.ts';
import type {
  AgentLoadDto,
  ChannelDto,
  CreatedChannelDto,
  CustomerDto,
  MessageDto,
  QueuedTicketDto,
  SessionDto,
  SettingsDto,
  TicketDto,
  UserDto,
} from './dto.schemas.ts';

const iso = isoString;

export const userJson = (u: User): typeof UserDto.Type => userView(u);

export const sessionJson = (s: Session): typeof SessionDto.Type => ({
  access_token: s.accessToken,
  token_type: 'Bearer',
  expires_in: s.expiresIn,
  refresh_token: s.refreshToken,
  refresh_expires_in: s.refreshExpiresIn,
  user: userJson(s.user),
});

export const customerJson = (c: Customer): typeof CustomerDto.Type => ({
  id: c.id,
  tenant_id: c.tenantId,
  name: c.name,
  email: c.email,
  phone: c.phone,
  external_id: c.externalId,
  created_at: iso(c.createdAt),
  updated_at: iso(c.updatedAt),
});

export const ticketJson = (t: Ticket): typeof TicketDto.Type => ticketView(t);

export const queuedTicketJson = (q: QueuedTicket): typeof QueuedTicketDto.Type => ({
  ...ticketJson(q.ticket),
  queued_at: iso(q.ticket.queuedAt ?? q.ticket.createdAt),
  position: q.position,
});

export const messageJson = (m: Message): typeof MessageDto.Type => messageView(m);

export const channelJson = (c: Omit<Channel, 'secret'>): typeof ChannelDto.Type => ({
  id: c.id,
  name: c.name,
  key: c.key,
  created_at: iso(c.createdAt),
});

export const createdChannelJson = (c: Channel): typeof CreatedChannelDto.Type => ({ ...channelJson(c), secret: c.secret });

export const settingsJson = (s: TenantSettings): typeof SettingsDto.Type => ({
  max_customers_per_agent: s.maxCustomersPerAgent,
  auto_assign: s.autoAssign,
  sla: slaPolicyJson(s.sla),
  business_hours: businessHoursJson(s.businessHours),
});

export const agentLoadJson = (a: AgentLoadView): typeof AgentLoadDto.Type => ({
  agent_id: a.agentId,
  name: a.name,
  availability: a.availability,
  load: a.load,
  capacity: a.capacity,
});
