import { Effect } from 'effect';
import { CustomerDto, listOf } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { CreateCustomerBody, IdParams, PagingQuery } from './request.schemas.ts';
import { created, ok, staffRoute, type AnyRoute } from './route.ts';
import { customerJson } from './serializers.ts';

export const customerRoutes = (useCases: HttpUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'get',
    path: '/api/customers',
    tag: 'Customers',
    summary: 'List customers, newest first',
    action: 'customers.read',
    query: PagingQuery,
    success: { status: 200, description: 'A page of customers', schema: listOf(CustomerDto) },
    errors: ['Forbidden', 'ValidationFailed', 'StoreUnavailable'],
    handle: ({ actor, pager }) =>
      Effect.gen(function* () {
        const page = yield* pager.request({});
        return pager.reply(yield* useCases.listCustomers.execute({ page }, actor), {}, customerJson);
      }),
  }),
  staffRoute({
    method: 'post',
    path: '/api/customers',
    tag: 'Customers',
    summary: 'Create a customer',
    action: 'customers.create',
    body: CreateCustomerBody,
    success: { status: 201, description: 'The new customer', schema: CustomerDto },
    errors: ['Forbidden', 'InvalidInput', 'ExternalIdTaken', 'StoreUnavailable'],
    handle: ({ actor, body }) =>
      useCases.createCustomer
        .execute({ name: body.name, email: body.email, phone: body.phone, externalId: body.external_id }, actor)
        .pipe(Effect.map((c) => created(customerJson(c)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/customers/:id',
    tag: 'Customers',
    summary: 'One customer',
    action: 'customers.read',
    params: IdParams,
    success: { status: 200, description: 'The customer', schema: CustomerDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params }) =>
      useCases.getCustomer.execute({ customerId: params.id }, actor).pipe(Effect.map((c) => ok(customerJson(c)))),
  }),
];
