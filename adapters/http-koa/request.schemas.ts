import { Schema } from 'effect';
import { emailShape } from '../../core/shared/text.ts';
import { availabilities, roles } from '../../core/access/user.ts';
import { ticketPriorities, ticketStatuses } from '../../core/tickets/ticket.ts';
import { BooleanParam, IntBetween, IntParam, Text } from './validation.ts';
import { BusinessHoursBody, SlaPolicyBody } from './sla.schemas.ts';

/** Request shapes (API.md); unknown keys are dropped, so ids, tenant and status never come from a client. */
export const IdParams = Schema.Struct({ id: Text(1, 128) });

const paging = { limit: Schema.optionalKey(IntParam(1, 100)), cursor: Schema.optionalKey(Text(1, 2048)) };
export const PagingQuery = Schema.Struct(paging);

const Email = Text(3, 254).pipe(Schema.check(Schema.isPattern(emailShape, { message: 'must be an email address' })));

export const LoginBody = Schema.Struct({ email: Text(1, 254), password: Text(1, 1024) });
export const RefreshBody = Schema.Struct({ refresh_token: Text(1, 512) });
export const AvailabilityBody = Schema.Struct({ availability: Schema.Literals(availabilities) });

export const ListUsersQuery = Schema.Struct({ ...paging, role: Schema.optionalKey(Schema.Literals(roles)), active: Schema.optionalKey(BooleanParam) });
export const CreateUserBody = Schema.Struct({
  email: Email,
  name: Text(1, 200),
  password: Text(8, 128),
  role: Schema.Literals(roles),
});
export const UpdateUserBody = Schema.Struct({
  name: Schema.optionalKey(Text(1, 200)),
  role: Schema.optionalKey(Schema.Literals(roles)),
  active: Schema.optionalKey(Schema.Boolean),
  max_customers: Schema.optionalKey(Schema.NullOr(IntBetween(0, 1000))),
  password: Schema.optionalKey(Text(8, 128)),
});

export const CreateCustomerBody = Schema.Struct({
  name: Text(1, 200),
  email: Schema.optionalKey(Schema.NullOr(Email)),
  phone: Schema.optionalKey(Schema.NullOr(Text(1, 50))),
  external_id: Schema.optionalKey(Schema.NullOr(Text(1, 200))),
});

export const ListTicketsQuery = Schema.Struct({
  ...paging,
  status: Schema.optionalKey(Schema.Literals(ticketStatuses)),
  assigned_agent_id: Schema.optionalKey(Text(1, 128)),
  priority: Schema.optionalKey(Schema.Literals(ticketPriorities)),
  customer_id: Schema.optionalKey(Text(1, 128)),
  sla: Schema.optionalKey(Schema.Literals(['breached', 'due_soon'])),
});
export const CreateTicketBody = Schema.Struct({
  title: Text(1, 200),
  description: Schema.optionalKey(Schema.NullOr(Text(0, 10000))),
  priority: Schema.optionalKey(Schema.Literals(ticketPriorities)),
  customer_id: Text(1, 128),
  auto_assign: Schema.optionalKey(Schema.Boolean),
});
export const StatusBody = Schema.Struct({ status: Schema.Literals(ticketStatuses) });
export const AssignBody = Schema.Struct({ agent_id: Schema.NullOr(Text(1, 128)) });
export const MessageBody = Schema.Struct({ message: Text(1, 10000) });

export const SettingsBody = Schema.Struct({
  max_customers_per_agent: Schema.optionalKey(IntBetween(1, 1000)),
  auto_assign: Schema.optionalKey(Schema.Boolean),
  sla: Schema.optionalKey(SlaPolicyBody),
  business_hours: Schema.optionalKey(BusinessHoursBody),
});
export const MaxCustomersBody = Schema.Struct({ max_customers: IntBetween(1, 1000) });

export const CreateChannelBody = Schema.Struct({ name: Text(1, 100) });
export const ChannelWebhookBody = Schema.Struct({
  customer_external_id: Text(1, 200),
  customer_name: Schema.optionalKey(Text(1, 200)),
  message: Text(1, 10000),
  title: Schema.optionalKey(Text(1, 200)),
});
