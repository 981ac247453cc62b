import { Effect } from 'effect';
import { UserDto, listOf } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { validationFailed } from './http-problem.ts';
import { CreateUserBody, IdParams, ListUsersQuery, UpdateUserBody } from './request.schemas.ts';
import { created, ok, staffRoute, type AnyRoute } from './route.ts';
import { userJson } from './serializers.ts';

type Id = typeof IdParams.Type;

export const userRoutes = (useCases: HttpUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'get',
    path: '/api/users',
    tag: 'Users',
    summary: 'List staff users',
    action: 'users.read',
    query: ListUsersQuery,
    success: { status: 200, description: 'A page of users', schema: listOf(UserDto) },
    errors: ['Forbidden', 'ValidationFailed', 'StoreUnavailable'],
    handle: ({ actor, query, pager }) =>
      Effect.gen(function* () {
        const filters = { role: query.role, active: query.active };
        const page = yield* pager.request(filters);
        const active = query.active === undefined ? undefined : query.active === 'true';
        const result = yield* useCases.listUsers.execute({ role: query.role, active, page }, actor);
        return pager.reply(result, filters, userJson);
      }),
  }),
  staffRoute({
    method: 'post',
    path: '/api/users',
    tag: 'Users',
    summary: 'Create a staff user (admin)',
    action: 'users.manage',
    body: CreateUserBody,
    success: { status: 201, description: 'The new user', schema: UserDto },
    errors: ['Forbidden', 'InvalidInput', 'EmailTaken', 'StoreUnavailable'],
    handle: ({ actor, body }) => useCases.createUser.execute(body, actor).pipe(Effect.map((u) => created(userJson(u)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/users/:id',
    tag: 'Users',
    summary: 'One staff user',
    action: 'users.read',
    params: IdParams,
    success: { status: 200, description: 'The user', schema: UserDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params }) => useCases.getUser.execute({ id: params.id }, actor).pipe(Effect.map((u) => ok(userJson(u)))),
  }),
  staffRoute({
    method: 'patch',
    path: '/api/users/:id',
    tag: 'Users',
    summary: 'Change a staff user (admin)',
    action: 'users.manage',
    params: IdParams,
    body: UpdateUserBody,
    success: { status: 200, description: 'The user', schema: UserDto },
    errors: ['Forbidden', 'ValidationFailed', 'InvalidInput', 'NotFound', 'EmailTaken', 'StoreUnavailable'],
    handle: ({ actor, params, body }) =>
      Effect.gen(function* () {
        if (Object.keys(body).length === 0) return yield* validationFailed([{ path: '', message: 'give at least one field to change' }]);
        const { max_customers, ...rest } = body;
        const input = { id: params.id, ...rest, ...(max_customers === undefined ? {} : { maxCustomers: max_customers }) };
        return ok(userJson(yield* useCases.updateUser.execute(input, actor)));
      }),
  }),
];
