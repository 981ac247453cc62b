import { v7 } from 'uuid';
import type { Role, User } from '../../core/access/user.ts';
import type { Customer } from '../../core/tickets/customer.ts';
import type { Message, SenderType } from '../../core/tickets/message.ts';
import { newTicketFacts as noSlaFacts, type Ticket, type TicketChannel, type TicketPriority, type TicketStatus } from '../../core/tickets/ticket.ts';
import { defaultSettings, type Tenant, type TenantSettings } from '../../core/tenancy/tenant.ts';

const t0 = new Date('2026-11-21T08:00:00.000Z');

/** A tenant with a fresh id (default settings unless told otherwise). */
export const aTenant = () => {
  const tenant = { id: v7(), name: 'Acme 🚀', settings: defaultSettings, createdAt: t0, updatedAt: t0 };
  const builder = {
    withSettings(settings: Partial<TenantSettings>) {
      tenant.settings = { ...tenant.settings, ...settings };
      return builder;
    },
    build: (): Tenant => ({ ...tenant }),
  };
  return builder;
};

/** A staff user (an active, online agent unless told otherwise) without a password. */
export const aStaffUser = (tenantId: string) => {
  const id = v7();
  const user: { -readonly [K in keyof User]: User[K] } = {
    id,
    tenantId,
    email: `${id}@example.test`,
    name: 'Agent Smith',
    role: 'agent',
    active: true,
    availability: 'online',
    maxCustomers: null,
    passwordHash: null,
    lastAssignedAt: null,
    createdAt: t0,
    updatedAt: t0,
  };
  const builder = {
    withRole(role: Role) {
      user.role = role;
      return builder;
    },
    inactive() {
      user.active = false;
      return builder;
    },
    build: (): User => ({ ...user }),
  };
  return builder;
};

/** A customer with a fresh id and no contact details. */
export const aCustomer = (tenantId: string) => {
  const customer: { -readonly [K in keyof Customer]: Customer[K] } = {
    id: v7(),
    tenantId,
    name: 'Ada Customer',
    email: null,
    phone: null,
    externalId: null,
    createdAt: t0,
    updatedAt: t0,
  };
  const builder = {
    named(name: string) {
      customer.name = name;
      return builder;
    },
    withExternalId(externalId: string) {
      customer.externalId = externalId;
      return builder;
    },
    withContact(email: string | null, phone: string | null) {
      customer.email = email;
      customer.phone = phone;
      return builder;
    },
    createdAt(at: Date) {
      customer.createdAt = at;
      customer.updatedAt = at;
      return builder;
    },
    build: (): Customer => ({ ...customer }),
  };
  return builder;
};

/** An open, unassigned, unqueued `api` ticket of a customer. */
export const aTicket = (tenantId: string, customerId: string) => {
  const ticket: { -readonly [K in keyof Ticket]: Ticket[K] } = {
    id: v7(),
    tenantId,
    title: 'Printer on fire',
    description: null,
    status: 'open',
    priority: 'medium',
    assignedAgentId: null,
    customerId,
    channel: 'api',
    channelId: null,
    externalRef: null,
    queuedAt: null,
    ...noSlaFacts,
    createdAt: t0,
    updatedAt: t0,
  };
  const builder = {
    titled(title: string, description: string | null = null) {
      ticket.title = title;
      ticket.description = description;
      return builder;
    },
    withStatus(status: TicketStatus) {
      ticket.status = status;
      return builder;
    },
    withPriority(priority: TicketPriority) {
      ticket.priority = priority;
      return builder;
    },
    assignedTo(agentId: string) {
      ticket.assignedAgentId = agentId;
      ticket.queuedAt = null;
      return builder;
    },
    queuedAt(at: Date) {
      ticket.assignedAgentId = null;
      ticket.queuedAt = at;
      return builder;
    },
    onChannel(channel: TicketChannel, channelId: string | null = null, externalRef: string | null = null) {
      ticket.channel = channel;
      ticket.channelId = channelId;
      ticket.externalRef = externalRef;
      return builder;
    },
    createdAt(at: Date) {
      ticket.createdAt = at;
      ticket.updatedAt = at;
      return builder;
    },
    /** Clock and report facts: the SLA, first response, resolution, assignment times. */
    withFacts(facts: Partial<Pick<Ticket, keyof typeof noSlaFacts>>) {
      Object.assign(ticket, facts);
      return builder;
    },
    build: (): Ticket => ({ ...ticket }),
  };
  return builder;
};

/** A message (without its sequence, which the repository assigns) on a ticket. */
export const aMessage = (ticket: Pick<Ticket, 'id' | 'tenantId'>) => {
  const message: { -readonly [K in keyof Omit<Message, 'sequence'>]: Message[K] } = {
    id: v7(),
    ticketId: ticket.id,
    tenantId: ticket.tenantId,
    senderType: 'customer',
    senderId: null,
    message: 'Hello 👋',
    createdAt: t0,
  };
  const builder = {
    from(senderType: SenderType, senderId: string | null) {
      message.senderType = senderType;
      message.senderId = senderId;
      return builder;
    },
    saying(text: string) {
      message.message = text;
      return builder;
    },
    at(at: Date) {
      message.createdAt = at;
      return builder;
    },
    build: (): Omit<Message, 'sequence'> => ({ ...message }),
  };
  return builder;
};
