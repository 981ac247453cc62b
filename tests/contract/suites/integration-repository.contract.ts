import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformIntegration } from '../../../core/integrations/platform-integration.ts';
import { anAgent, aTenant, readFrom, seed } from '../../support/allocation-builders.ts';
import { aQiscusIntegration } from '../../support/integration-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

export const integrationRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('IntegrationRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const save = (integration: PlatformIntegration) => Effect.runPromise(env.uow.transaction((s) => s.integrations.save(integration)));
    const tenantWithIntegration = async (build: (b: ReturnType<typeof aQiscusIntegration>) => ReturnType<typeof aQiscusIntegration> = (b) => b) => {
      const tenant = aTenant().build();
      await seed(env.uow, { tenant });
      const integration = build(aQiscusIntegration(tenant.id)).build();
      await save(integration);
      return integration;
    };

    it('stores a tenant’s integration, secrets included, and returns it exactly', async () => {
      const integration = await tenantWithIntegration((b) => b.withAdmin('bóss@example.com', 'pässwörd 🔑').withSecretKey('sk-😀-123'));
      expect(await readFrom(env.uow, (s) => s.integrations.get(integration.tenantId))).toEqual(integration);
      expect(await readFrom(env.uow, (s) => s.integrations.get(aTenant().build().id))).toBeNull();
    });

    it('replaces the tenant’s integration on a second save', async () => {
      const integration = await tenantWithIntegration();
      const replaced = { ...integration, appCode: 'replaced', admin: null, updatedAt: new Date('2030-02-01T00:00:00.000Z') };
      await save(replaced);
      expect(await readFrom(env.uow, (s) => s.integrations.get(integration.tenantId))).toEqual(replaced);
    });

    it('finds an integration by its exact webhook token only', async () => {
      const integration = await tenantWithIntegration();
      const token = integration.webhookToken;
      expect(await readFrom(env.uow, (s) => s.integrations.findByWebhookToken(token))).toEqual(integration);
      expect(await readFrom(env.uow, (s) => s.integrations.findByWebhookToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`))).toBeNull();
      expect(await readFrom(env.uow, (s) => s.integrations.findByWebhookToken(token.toUpperCase()))).toBeNull();
      expect(await readFrom(env.uow, (s) => s.integrations.findByWebhookToken(''))).toBeNull();
    });

    it('refuses another tenant’s webhook token with DuplicateKey', async () => {
      const first = await tenantWithIntegration();
      const tenant = aTenant().build();
      await seed(env.uow, { tenant });
      const clash = aQiscusIntegration(tenant.id).withToken(first.webhookToken).build();
      const error = await Effect.runPromise(Effect.flip(env.uow.transaction((s) => s.integrations.save(clash))));
      expect(error).toMatchObject({ _tag: 'DuplicateKey' });
      expect(await readFrom(env.uow, (s) => s.integrations.get(tenant.id))).toBeNull();
    });

    it('lists every integration by tenant id, page by page', async () => {
      const created = [await tenantWithIntegration(), await tenantWithIntegration(), await tenantWithIntegration()];
      const seen: PlatformIntegration[] = [];
      let after: string | null = null;
      do {
        const page = await readFrom(env.uow, (s) => s.integrations.list({ limit: 2, after }));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        after = page.next;
      } while (after !== null);
      const ids = seen.map((i) => i.tenantId);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(ids.length);
      for (const integration of created) expect(seen).toContainEqual(integration);
    });

    it('links a platform agent to a user of the tenant, and moves the link', async () => {
      const integration = await tenantWithIntegration();
      const tenantId = integration.tenantId;
      const [ana, bea] = [anAgent(tenantId).build(), anAgent(tenantId).build()];
      await seed(env.uow, { users: [ana, bea] });
      const link = (userId: string) => Effect.runPromise(env.uow.transaction((s) => s.integrations.linkAgent({ tenantId, platformAgentId: '42', userId })));
      await link(ana.id);
      expect(await readFrom(env.uow, (s) => s.integrations.findAgentLink(tenantId, '42'))).toEqual({ tenantId, platformAgentId: '42', userId: ana.id });
      await link(bea.id);
      expect((await readFrom(env.uow, (s) => s.integrations.findAgentLink(tenantId, '42')))?.userId).toBe(bea.id);
      expect(await readFrom(env.uow, (s) => s.integrations.findAgentLink(aTenant().build().id, '42'))).toBeNull();
    });

    it('remembers one unanswered assign per room and forgets it once taken', async () => {
      const integration = await tenantWithIntegration();
      const tenantId = integration.tenantId;
      const [ana, bea] = [anAgent(tenantId).build(), anAgent(tenantId).build()];
      await seed(env.uow, { users: [ana, bea] });
      const record = (userId: string, platformAgentId: string) =>
        Effect.runPromise(env.uow.transaction((s) => s.integrations.recordUnansweredAssign({ tenantId, roomId: 'r-1', platformAgentId, userId })));
      const take = (roomId: string) => Effect.runPromise(env.uow.transaction((s) => s.integrations.takeUnansweredAssign(tenantId, roomId)));
      await record(ana.id, '7');
      await record(bea.id, '8');
      expect(await take('r-2')).toBeNull();
      expect(await take('r-1')).toEqual({ tenantId, roomId: 'r-1', platformAgentId: '8', userId: bea.id });
      expect(await take('r-1')).toBeNull();
    });

    it('rolls a save back with its failed unit of work', async () => {
      const tenant = aTenant().build();
      await seed(env.uow, { tenant });
      const integration = aQiscusIntegration(tenant.id).build();
      await Effect.runPromise(
        Effect.flip(env.uow.transaction((s) => Effect.andThen(s.integrations.save(integration), Effect.fail('boom' as const)))),
      );
      expect(await readFrom(env.uow, (s) => s.integrations.get(tenant.id))).toBeNull();
      expect(await readFrom(env.uow, (s) => s.integrations.findByWebhookToken(integration.webhookToken))).toBeNull();
    });
  });
};
