import { Effect } from 'effect';
import { MessageDto, TicketDto, listOf } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { AssignBody, CreateTicketBody, IdParams, ListTicketsQuery, MessageBody, PagingQuery, StatusBody } from './request.schemas.ts';
import { created, ok, staffRoute, type AnyRoute } from './route.ts';
import { messageJson, ticketJson } from './serializers.ts';

type Id = typeof IdParams.Type;

export const ticketRoutes = (useCases: HttpUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'get',
    path: '/api/tickets',
    tag: 'Tickets',
    summary: 'List tickets, newest first',
    action: 'tickets.read',
    query: ListTicketsQuery,
    success: { status: 200, description: 'A page of tickets', schema: listOf(TicketDto) },
    errors: ['Forbidden', 'ValidationFailed', 'StoreUnavailable'],
    handle: ({ actor, query, pager }) =>
      Effect.gen(function* () {
        const { limit: _limit, cursor: _cursor, ...filters } = query;
        const page = yield* pager.request(filters);
        const filter = {
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.assigned_agent_id === undefined ? {} : { assignedAgentId: query.assigned_agent_id }),
          ...(query.priority === undefined ? {} : { priority: query.priority }),
          ...(query.customer_id === undefined ? {} : { customerId: query.customer_id }),
          ...(query.sla === undefined ? {} : { sla: query.sla }),
        };
        return pager.reply(yield* useCases.listTickets.execute({ filter, page }, actor), filters, ticketJson);
      }),
  }),
  staffRoute({
    method: 'post',
    path: '/api/tickets',
    tag: 'Tickets',
    summary: 'Create a ticket (admin); status is always open',
    action: 'tickets.create',
    body: CreateTicketBody,
    success: { status: 201, description: 'The new ticket', schema: TicketDto },
    errors: ['Forbidden', 'InvalidInput', 'StoreUnavailable'],
    handle: ({ actor, body }) =>
      useCases.createTicket
        .execute(
          {
            title: body.title,
            description: body.description,
            priority: body.priority,
            customerId: body.customer_id,
            autoAssign: body.auto_assign,
          },
          actor,
        )
        .pipe(Effect.map((t) => created(ticketJson(t)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/tickets/:id',
    tag: 'Tickets',
    summary: 'One ticket',
    action: 'tickets.read',
    params: IdParams,
    success: { status: 200, description: 'The ticket', schema: TicketDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params }) => useCases.getTicket.execute({ ticketId: params.id }, actor).pipe(Effect.map((t) => ok(ticketJson(t)))),
  }),
  staffRoute({
    method: 'patch',
    path: '/api/tickets/:id/status',
    tag: 'Tickets',
    summary: 'Change the status (admin, or the assigned agent)',
    action: 'tickets.change_status',
    params: IdParams,
    body: StatusBody,
    success: { status: 200, description: 'The ticket', schema: TicketDto },
    errors: ['Forbidden', 'NotFound', 'InvalidTransition', 'StoreUnavailable'],
    handle: ({ actor, params, body }) =>
      useCases.changeTicketStatus.execute({ ticketId: params.id, status: body.status }, actor).pipe(Effect.map((t) => ok(ticketJson(t)))),
  }),
  staffRoute({
    method: 'patch',
    path: '/api/tickets/:id/assign',
    tag: 'Tickets',
    summary: 'Assign to an agent, or unassign with null (admin)',
    action: 'tickets.assign',
    params: IdParams,
    body: AssignBody,
    success: { status: 200, description: 'The ticket', schema: TicketDto },
    errors: ['Forbidden', 'InvalidInput', 'NotFound', 'TicketClosed', 'StoreUnavailable'],
    handle: ({ actor, params, body }) =>
      useCases.assignTicket.execute({ ticketId: params.id, agentId: body.agent_id }, actor).pipe(Effect.map((t) => ok(ticketJson(t)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/tickets/:id/conversations',
    tag: 'Conversation',
    summary: "A ticket's messages, oldest first",
    action: 'messages.read',
    params: IdParams,
    query: PagingQuery,
    success: { status: 200, description: 'A page of messages', schema: listOf(MessageDto) },
    errors: ['Forbidden', 'ValidationFailed', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params, pager }) =>
      Effect.gen(function* () {
        const filters = { ticket: params.id };
        const page = yield* pager.request(filters);
        return pager.reply(yield* useCases.listMessages.execute({ ticketId: params.id, page }, actor), filters, messageJson);
      }),
  }),
  staffRoute({
    method: 'post',
    path: '/api/tickets/:id/conversations',
    tag: 'Conversation',
    summary: 'Post a staff message on a ticket',
    action: 'messages.post',
    params: IdParams,
    body: MessageBody,
    success: { status: 201, description: 'The message', schema: MessageDto },
    errors: ['Forbidden', 'InvalidInput', 'NotFound', 'TicketClosed', 'StoreUnavailable'],
    handle: ({ actor, params, body }) =>
      useCases.postMessage.execute({ ticketId: params.id, message: body.message }, actor).pipe(Effect.map((m) => created(messageJson(m)))),
  }),
];
