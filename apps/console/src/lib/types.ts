// The shapes of the public API (../shared/API.md) the console reads.
export type Role = 'admin' | 'agent';
export type Availability = 'online' | 'offline';
export type Status = 'open' | 'in_progress' | 'resolved' | 'closed';
export type Priority = 'low' | 'medium' | 'high';

export interface User {
  readonly id: string;
  readonly tenant_id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly active: boolean;
  readonly availability: Availability;
  readonly max_customers: number | null;
  readonly can_login: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface Ticket {
  readonly id: string;
  readonly tenant_id: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: Status;
  readonly priority: Priority;
  readonly assigned_agent_id: string | null;
  readonly customer_id: string;
  readonly channel: 'api' | 'webhook' | 'qiscus';
  readonly channel_id: string | null;
  readonly external_ref: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  /** Once SLAs are on the server: the ticket's clocks (null without a target). */
  readonly sla?: { readonly breached: ReadonlyArray<string> } | null;
}

export interface QueuedTicket extends Ticket {
  readonly queued_at: string;
  readonly position: number;
}

export interface Message {
  readonly id: string;
  readonly ticket_id: string;
  readonly tenant_id: string;
  readonly sender_type: 'customer' | 'agent' | 'admin' | 'system';
  readonly sender_id: string | null;
  readonly message: string;
  readonly created_at: string;
}

export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly external_id: string | null;
  readonly created_at: string;
}

export interface Page<T> {
  readonly data: ReadonlyArray<T>;
  readonly next_cursor: string | null;
}

export interface Session {
  readonly access_token: string;
  readonly expires_in: number;
  readonly refresh_token: string;
  readonly user: User;
}

export interface AgentLoad {
  readonly agent_id: string;
  readonly name: string;
  readonly availability: Availability;
  readonly load: number;
  readonly capacity: number;
}

export interface Settings {
  readonly max_customers_per_agent: number;
  readonly auto_assign: boolean;
  readonly [extra: string]: unknown;
}

export interface Channel {
  readonly id: string;
  readonly name: string;
  readonly key: string;
  readonly secret?: string;
  readonly created_at: string;
}

export interface QiscusIntegration {
  readonly app_code: string;
  readonly base_url: string;
  readonly webhook_token: string;
  readonly agent_allocation_url: string;
  readonly mark_as_resolved_url: string;
}

export type EventType =
  | 'ticket.created'
  | 'ticket.assigned'
  | 'ticket.unassigned'
  | 'ticket.status_changed'
  | 'message.created'
  | 'allocation.queued'
  | 'agent.availability_changed'
  | 'sla.breached';

export interface EventEnvelope {
  readonly id: string;
  readonly type: EventType;
  readonly occurred_at: string;
  readonly tenant_id: string;
  readonly sequence: number | null;
  readonly data: {
    readonly ticket?: Ticket;
    readonly ticket_id?: string;
    readonly message?: Message;
    readonly user?: User;
    readonly [extra: string]: unknown;
  };
}

export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: ReadonlyArray<string>;
  readonly description: string | null;
  readonly active: boolean;
  readonly created_at: string;
  /** Only in the answers to create and rotate-secret. */
  readonly secret?: string;
}

export interface Delivery {
  readonly id: string;
  readonly event_id: string;
  readonly type: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly last_status_code: number | null;
  readonly last_error: string | null;
  readonly next_attempt_at: string | null;
  readonly delivered_at: string | null;
  readonly created_at: string;
}
