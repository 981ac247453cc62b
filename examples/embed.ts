// Embedding the core in another Node app with the shipped in-memory adapters: no database, no broker.
import { Effect } from 'effect';
import {
  CreateCustomerUseCase,
  CreateTenantUseCase,
  CreateTicketUseCase,
  CreateUserUseCase,
  DrainQueueUseCase,
  GetTicketUseCase,
  SetAvailabilityUseCase,
} from 'switchboard';
import { MemoryUnitOfWork } from 'switchboard/memory';
import { systemClock, uuidV7Ids } from 'switchboard/system';
import { Argon2PasswordHasher } from 'switchboard/crypto';

export const embedExample = async () => {
  const deps = { uow: new MemoryUnitOfWork(), clock: systemClock, ids: uuidV7Ids, hasher: new Argon2PasswordHasher() };
  const run = Effect.runPromise;

  const { tenant, admin } = await run(
    new CreateTenantUseCase(deps).execute({ name: 'Acme', adminEmail: 'admin@acme.test', adminPassword: 'correct horse battery' }),
  );
  const asAdmin = { userId: admin.id, tenantId: tenant.id, role: admin.role };

  const agent = await run(
    new CreateUserUseCase(deps).execute({ email: 'ana@acme.test', name: 'Ana', password: 'staple battery horse', role: 'agent' }, asAdmin),
  );
  await run(new SetAvailabilityUseCase(deps).execute({ availability: 'online' }, { userId: agent.id, tenantId: tenant.id, role: 'agent' }));

  const customer = await run(new CreateCustomerUseCase(deps).execute({ name: 'Budi', email: 'budi@example.com' }, asAdmin));
  const ticket = await run(new CreateTicketUseCase(deps).execute({ title: 'Cannot log in', customerId: customer.id }, asAdmin));

  // New tickets wait in the tenant's queue; the app's job runner drains it (here: by hand).
  await run(new DrainQueueUseCase(deps).execute({ tenantId: tenant.id }));
  const assigned = await run(new GetTicketUseCase(deps).execute({ ticketId: ticket.id }, asAdmin));
  return { agent, ticket: assigned };
};

if (import.meta.main) {
  const { agent, ticket } = await embedExample();
  console.log(`ticket "${ticket.title}" is ${ticket.status}, assigned to ${ticket.assignedAgentId === agent.id ? agent.name : 'nobody'}`);
}
