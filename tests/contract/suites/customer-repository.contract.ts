import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../core/shared/page.ts';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import type { Customer } from '../../../core/tickets/customer.ts';
import { aCustomer, aTenant } from '../../support/ticket-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, 0, ms));

export const customerRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('CustomerRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const write = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.transaction(work));
    const read = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.read(work));
    const newTenant = async (): Promise<string> => {
      const tenant = aTenant().build();
      await write((s) => s.tenants.insert(tenant));
      return tenant.id;
    };
    const insert = (customer: Customer) => write((s) => s.customers.insert(customer));
    const listAll = async (tenantId: string, limit: number, between?: () => Promise<void>): Promise<string[]> => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const page: Page<Customer> = await read((s) => s.customers.list(tenantId, { limit, after }));
        expect(page.items.length).toBeLessThanOrEqual(limit);
        ids.push(...page.items.map((c) => c.id));
        after = page.next;
        await between?.();
      } while (after !== null);
      return ids;
    };

    it('stores a customer and gets it back exactly, 4-byte characters included', async () => {
      const tenantId = await newTenant();
      const customer = aCustomer(tenantId).named('Zoë 𝒜𝒹𝒶 👩🏽‍💻').withContact('Zoe@Example.com', '+62 812 🙂').withExternalId('wa-𝄞-1').createdAt(at(123)).build();
      await insert(customer);
      expect(await read((s) => s.customers.get(tenantId, customer.id))).toEqual(customer);
    });

    it('keeps absent contact fields as null', async () => {
      const tenantId = await newTenant();
      const customer = aCustomer(tenantId).build();
      await insert(customer);
      expect(await read((s) => s.customers.get(tenantId, customer.id))).toMatchObject({ email: null, phone: null, externalId: null });
    });

    it('answers null for a missing id and for another tenant’s customer', async () => {
      const [tenantId, otherTenantId] = [await newTenant(), await newTenant()];
      const customer = aCustomer(tenantId).build();
      await insert(customer);
      expect(await read((s) => s.customers.get(tenantId, 'no-such-customer'))).toBeNull();
      expect(await read((s) => s.customers.get(otherTenantId, customer.id))).toBeNull();
    });

    it('finds by external id within the tenant only', async () => {
      const [tenantId, otherTenantId] = [await newTenant(), await newTenant()];
      const customer = aCustomer(tenantId).withExternalId('ext-42').build();
      await insert(customer);
      expect(await read((s) => s.customers.findByExternalId(tenantId, 'ext-42'))).toEqual(customer);
      expect(await read((s) => s.customers.findByExternalId(otherTenantId, 'ext-42'))).toBeNull();
      expect(await read((s) => s.customers.findByExternalId(tenantId, 'ext-43'))).toBeNull();
    });

    it('refuses a second customer with the same external id in a tenant (DuplicateKey customers.external_id)', async () => {
      const [tenantId, otherTenantId] = [await newTenant(), await newTenant()];
      await insert(aCustomer(tenantId).withExternalId('dup').build());
      const clash = aCustomer(tenantId).withExternalId('dup').build();
      const error = await Effect.runPromise(Effect.flip(env.uow.transaction((s) => s.customers.insert(clash))));
      expect(error).toMatchObject({ _tag: 'DuplicateKey', key: 'customers.external_id' });
      expect(await read((s) => s.customers.get(tenantId, clash.id))).toBeNull();
      await insert(aCustomer(otherTenantId).withExternalId('dup').build());
    });

    it('allows any number of customers without an external id', async () => {
      const tenantId = await newTenant();
      await insert(aCustomer(tenantId).build());
      await insert(aCustomer(tenantId).build());
      expect(await listAll(tenantId, 10)).toHaveLength(2);
    });

    it('lists the tenant’s customers newest first (created_at, then id, descending)', async () => {
      const [tenantId, otherTenantId] = [await newTenant(), await newTenant()];
      const older = aCustomer(tenantId).createdAt(at(1)).build();
      const sameA = aCustomer(tenantId).createdAt(at(2)).build();
      const sameB = aCustomer(tenantId).createdAt(at(2)).build();
      for (const c of [sameA, older, sameB]) await insert(c);
      await insert(aCustomer(otherTenantId).createdAt(at(3)).build());
      const [first, second] = [sameA.id, sameB.id].sort().reverse();
      expect(await listAll(tenantId, 100)).toEqual([first, second, older.id]);
    });

    it('pages through every customer exactly once while customers are added', async () => {
      const tenantId = await newTenant();
      const existing: Customer[] = [];
      for (let i = 0; i < 7; i += 1) existing.push(aCustomer(tenantId).createdAt(at(100 + i)).build());
      for (const c of existing) await insert(c);
      let added = 0;
      const seen = await listAll(tenantId, 3, async () => {
        await insert(aCustomer(tenantId).createdAt(at(500 + added++)).build());
      });
      expect(seen).toEqual([...existing].reverse().map((c) => c.id));
      expect(added).toBeGreaterThan(1);
    });

    it('rolls an insert back when its unit of work fails', async () => {
      const tenantId = await newTenant();
      const customer = aCustomer(tenantId).build();
      await Effect.runPromise(Effect.flip(env.uow.transaction((s) => Effect.andThen(s.customers.insert(customer), Effect.fail('boom' as const)))));
      expect(await read((s) => s.customers.get(tenantId, customer.id))).toBeNull();
    });
  });
};
