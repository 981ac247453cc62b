import { Effect } from 'effect';
import { AgentLoadDto, QueuedTicketDto, listOf } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { PagingQuery } from './request.schemas.ts';
import { staffRoute, type AnyRoute } from './route.ts';
import { agentLoadJson, queuedTicketJson } from './serializers.ts';

export const allocationRoutes = (useCases: HttpUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'get',
    path: '/api/allocation/queue',
    tag: 'Allocation',
    summary: 'Waiting tickets in queue order (admin)',
    action: 'allocation.view',
    query: PagingQuery,
    success: { status: 200, description: 'A page of waiting tickets', schema: listOf(QueuedTicketDto) },
    errors: ['Forbidden', 'ValidationFailed', 'StoreUnavailable'],
    handle: ({ actor, pager }) =>
      Effect.gen(function* () {
        const page = yield* pager.request({});
        return pager.reply(yield* useCases.listQueue.execute(page, actor), {}, queuedTicketJson);
      }),
  }),
  staffRoute({
    method: 'get',
    path: '/api/allocation/agents',
    tag: 'Allocation',
    summary: 'Every active agent with load and capacity (admin)',
    action: 'allocation.view',
    query: PagingQuery,
    success: { status: 200, description: 'A page of agents', schema: listOf(AgentLoadDto) },
    errors: ['Forbidden', 'ValidationFailed', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, pager }) =>
      Effect.gen(function* () {
        const page = yield* pager.request({});
        return pager.reply(yield* useCases.listAgentLoads.execute(page, actor), {}, agentLoadJson);
      }),
  }),
];
