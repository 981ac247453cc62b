import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import type { ChatPlatform, ChatPlatformAccount } from '../../../core/allocation/chat-platform.port.ts';
import { AllocateRoomsUseCase } from '../../../core/integrations/allocate-rooms.use-case.ts';
import { ReconcileRoomsUseCase } from '../../../core/integrations/reconcile-rooms.use-case.ts';
import { SweepPlatformUseCase } from '../../../core/integrations/sweep-platform.use-case.ts';
import { aCustomer, anAgent, aQueuedTicket, aTenant, seed, testEnv } from '../../support/allocation-builders.ts';
import { ScriptedPlatform } from '../../support/fairness/scripted-platform.ts';
import { aQiscusIntegration } from '../../support/integration-builders.ts';

/** One tenant with an integration, an agent the platform lists, and one waiting room. */
const tenantWithRoom = async (uow: MemoryUnitOfWork, appCode: string) => {
  const tenant = aTenant().build();
  const agent = anAgent(tenant.id).offline().build();
  const customer = aCustomer(tenant.id);
  const room = aQueuedTicket(tenant.id, customer.id).onPlatform(`room-${appCode}`).build();
  await seed(uow, { tenant, users: [agent], customers: [customer], tickets: [room] });
  await Effect.runPromise(uow.transaction((s) => s.integrations.save(aQiscusIntegration(tenant.id).withAppCode(appCode).build())));
  return { tenant, agent, room };
};

describe('SweepPlatformUseCase', () => {
  it('sweeps the other tenants while one tenant\u2019s platform account hangs', async () => {
    const uow = new MemoryUnitOfWork();
    const stalled = await tenantWithRoom(uow, 'stalled');
    const healthy = await tenantWithRoom(uow, 'healthy');
    const scripted = new ScriptedPlatform([{ platformAgentId: '1', name: 'Ana', email: healthy.agent.email }]);
    scripted.openSession(`room-healthy`);
    const hangs = (account: ChatPlatformAccount) => account.appCode === 'stalled';
    const never = Effect.never;
    const platform: ChatPlatform = {
      name: scripted.name,
      channel: scripted.channel,
      eligibleAgents: (a, r) => (hangs(a) ? never : scripted.eligibleAgents(a, r)),
      assignAgent: (a, r, id) => (hangs(a) ? never : scripted.assignAgent(a, r, id)),
      resolveRoom: (a, r) => (hangs(a) ? never : scripted.resolveRoom(a, r)),
      room: (a, r) => (hangs(a) ? never : scripted.room(a, r)),
      waitingRooms: (a) => (hangs(a) ? never : scripted.waitingRooms()),
      registerResolveWebhook: (a, reg) => scripted.registerResolveWebhook(a, reg),
    };
    const env = { uow, ...testEnv(), platform };
    const sweep = new SweepPlatformUseCase({ uow, allocate: new AllocateRoomsUseCase(env), reconcile: new ReconcileRoomsUseCase(env), tenantTimeoutMs: 200 });
    const started = Date.now();
    const report = await Effect.runPromise(sweep.execute());
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(report).toEqual({ tenants: 2, assigned: 1, failures: [{ tenantId: stalled.tenant.id, reason: 'timed out' }] });
    expect(uow.db.tickets.get(healthy.room.id)?.assignedAgentId).toBe(healthy.agent.id);
    expect(uow.db.tickets.get(stalled.room.id)?.assignedAgentId).toBeNull();
  });
});
