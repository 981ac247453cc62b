import { describe, expect, it } from 'vitest';
import { CreateCustomerUseCase } from '../../../core/tickets/create-customer.use-case.ts';
import { GetCustomerUseCase } from '../../../core/tickets/get-customer.use-case.ts';
import { ListCustomersUseCase } from '../../../core/tickets/list-customers.use-case.ts';
import { expectFailure, run, ticketsWorld } from './tickets-world.ts';

describe('CreateCustomerUseCase', () => {
  it.each(['asAdmin', 'asAgent'] as const)('creates a customer (%s) with the text exactly as given', async (who) => {
    const w = await ticketsWorld();
    const input = { name: 'Zoë 𝒜𝒹𝒶 👩🏽‍💻', email: 'Zoe@Example.com', phone: '+62 812', externalId: 'wa-628123' };
    const customer = await run(new CreateCustomerUseCase(w.deps).execute(input, w[who]));
    expect(customer).toMatchObject({ ...input, tenantId: w.tenant.id, createdAt: w.clock.now(), updatedAt: w.clock.now() });
    expect(await run(new GetCustomerUseCase(w.deps).execute({ customerId: customer.id }, w.asAgent))).toEqual(customer);
  });

  it('stores missing optional fields as null', async () => {
    const w = await ticketsWorld();
    const customer = await run(new CreateCustomerUseCase(w.deps).execute({ name: 'Bare' }, w.asAdmin));
    expect(customer).toMatchObject({ email: null, phone: null, externalId: null });
  });

  it('answers ExternalIdTaken for an external id already used in the tenant, but not across tenants', async () => {
    const w = await ticketsWorld();
    const create = new CreateCustomerUseCase(w.deps);
    await run(create.execute({ name: 'A', externalId: 'ext-1' }, w.asAdmin));
    const error = await expectFailure(create.execute({ name: 'B', externalId: 'ext-1' }, w.asAgent), 'ExternalIdTaken');
    expect(error.externalId).toBe('ext-1');
    expect((await run(create.execute({ name: 'C', externalId: 'ext-1' }, w.asForeignAdmin))).externalId).toBe('ext-1');
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'n'.repeat(201) }, 'name'],
    [{ name: 'ok', email: 'not-an-email' }, 'email'],
    [{ name: 'ok', externalId: '' }, 'external_id'],
  ])('answers InvalidInput for %j', async (input, path) => {
    const w = await ticketsWorld();
    const error = await expectFailure(new CreateCustomerUseCase(w.deps).execute(input, w.asAdmin), 'InvalidInput');
    expect(error.path).toBe(path);
  });

  it('counts the name length in code points: 200 emoji fit', async () => {
    const w = await ticketsWorld();
    const name = '🦄'.repeat(200);
    expect((await run(new CreateCustomerUseCase(w.deps).execute({ name }, w.asAdmin))).name).toBe(name);
  });
});

describe('GetCustomerUseCase and ListCustomersUseCase', () => {
  it('answers NotFound for a missing or foreign customer', async () => {
    const w = await ticketsWorld();
    await expectFailure(new GetCustomerUseCase(w.deps).execute({ customerId: 'missing' }, w.asAdmin), 'NotFound');
    await expectFailure(new GetCustomerUseCase(w.deps).execute({ customerId: w.foreignCustomer.id }, w.asAdmin), 'NotFound');
  });

  it('lists only the tenant’s customers, newest first', async () => {
    const w = await ticketsWorld();
    const create = new CreateCustomerUseCase(w.deps);
    w.clock.advance(1);
    const first = await run(create.execute({ name: 'first' }, w.asAdmin));
    w.clock.advance(1);
    const second = await run(create.execute({ name: 'second' }, w.asAdmin));
    const page = await run(new ListCustomersUseCase(w.deps).execute({ page: { limit: 10, after: null } }, w.asAgent));
    expect(page.items.map((c) => c.id)).toEqual([second.id, first.id, w.customer.id]);
    expect(page.next).toBeNull();
  });
});
