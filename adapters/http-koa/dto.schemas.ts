import { Schema } from 'effect';
import { availabilities, roles } from '../../core/access/user.ts';
import { senderTypes } from '../../core/tickets/message.ts';
import { ticketChannels, ticketPriorities, ticketStatuses } from '../../core/tickets/ticket.ts';
import { BusinessHoursDto, SlaPolicyDto, TicketSlaDto } from './sla.schemas.ts';

/** The JSON shapes the API answers with (API.md); serializers are typed by them, OpenAPI is generated from them. */
const Timestamp = Schema.String.annotate({ format: 'date-time', description: 'ISO-8601 UTC with milliseconds' });
const Id = Schema.String.annotate({ description: 'Opaque id, sorting in creation order' });

export const UserDto = Schema.Struct({
  id: Id,
  tenant_id: Id,
  email: Schema.String,
  name: Schema.String,
  role: Schema.Literals(roles),
  active: Schema.Boolean,
  availability: Schema.Literals(availabilities),
  max_customers: Schema.NullOr(Schema.Int),
  can_login: Schema.Boolean,
  created_at: Timestamp,
  updated_at: Timestamp,
}).annotate({ identifier: 'User' });

export const SessionDto = Schema.Struct({
  access_token: Schema.String,
  token_type: Schema.Literal('Bearer'),
  expires_in: Schema.Int,
  refresh_token: Schema.String,
  refresh_expires_in: Schema.Int,
  user: UserDto,
}).annotate({ identifier: 'Session' });

export const CustomerDto = Schema.Struct({
  id: Id,
  tenant_id: Id,
  name: Schema.String,
  email: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
  external_id: Schema.NullOr(Schema.String),
  created_at: Timestamp,
  updated_at: Timestamp,
}).annotate({ identifier: 'Customer' });

const ticketFields = {
  id: Id,
  tenant_id: Id,
  title: Schema.String,
  description: Schema.NullOr(Schema.String),
  status: Schema.Literals(ticketStatuses),
  priority: Schema.Literals(ticketPriorities),
  assigned_agent_id: Schema.NullOr(Id),
  customer_id: Id,
  channel: Schema.Literals(ticketChannels),
  channel_id: Schema.NullOr(Id),
  external_ref: Schema.NullOr(Schema.String),
  sla: TicketSlaDto,
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const TicketDto = Schema.Struct(ticketFields).annotate({ identifier: 'Ticket' });

export const QueuedTicketDto = Schema.Struct({ ...ticketFields, queued_at: Timestamp, position: Schema.Int }).annotate({
  identifier: 'QueuedTicket',
});

export const MessageDto = Schema.Struct({
  id: Id,
  ticket_id: Id,
  tenant_id: Id,
  sender_type: Schema.Literals(senderTypes),
  sender_id: Schema.NullOr(Id),
  message: Schema.String,
  created_at: Timestamp,
}).annotate({ identifier: 'Message' });

export const ChannelDto = Schema.Struct({ id: Id, name: Schema.String, key: Schema.String, created_at: Timestamp }).annotate({
  identifier: 'Channel',
});

export const CreatedChannelDto = Schema.Struct({
  id: Id,
  name: Schema.String,
  key: Schema.String,
  secret: Schema.String.annotate({ description: 'Shown only in this response' }),
  created_at: Timestamp,
}).annotate({ identifier: 'CreatedChannel' });

export const IntakeDto = Schema.Struct({ ticket_id: Id, message_id: Id, customer_id: Id }).annotate({ identifier: 'ChannelIntake' });

export const SettingsDto = Schema.Struct({
  max_customers_per_agent: Schema.Int,
  auto_assign: Schema.Boolean,
  sla: SlaPolicyDto,
  business_hours: BusinessHoursDto,
}).annotate({
  identifier: 'Settings',
});

export const MaxCustomersDto = Schema.Struct({ max_customers: Schema.Int }).annotate({ identifier: 'MaxCustomers' });

export const AgentLoadDto = Schema.Struct({
  agent_id: Id,
  name: Schema.String,
  availability: Schema.Literals(availabilities),
  load: Schema.Int,
  capacity: Schema.Int,
}).annotate({ identifier: 'AgentLoad' });

export const ErrorDto = Schema.Struct({
  error: Schema.Struct({
    code: Schema.String,
    message: Schema.String,
    details: Schema.optionalKey(Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))),
  }),
}).annotate({ identifier: 'Error' });

export const listOf = <S extends Schema.Top>(item: S) =>
  Schema.Struct({ data: Schema.Array(item), next_cursor: Schema.NullOr(Schema.String) });
