import { beforeEach, describe, expect, it } from 'vitest';
import { SetAvailabilityUseCase } from '../../../core/access/set-availability.use-case.ts';
import type { User } from '../../../core/access/user.ts';
import { NotFound } from '../../../core/shared/errors.ts';
import { actorOf, aUser, newId } from '../../support/access-builders.ts';
import { accessWorld, failureOf, run, type AccessWorld } from './access-world.ts';

describe('SetAvailabilityUseCase', () => {
  let world: AccessWorld;
  let agent: User;
  let setAvailability: SetAvailabilityUseCase;

  beforeEach(async () => {
    world = accessWorld();
    setAvailability = new SetAvailabilityUseCase(world.deps);
    agent = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).agent().withMaxCustomers(4).build());
  });

  it('sets the caller’s own availability, and nothing else, and announces it', async () => {
    const updated = await run(setAvailability.execute({ availability: 'online' }, actorOf(agent)));
    expect(updated).toEqual({ ...agent, availability: 'online', updatedAt: world.clock.now() });
    expect(await world.storedUser(agent)).toEqual(updated);
    expect(world.events(agent.tenantId)).toEqual([
      expect.objectContaining({ type: 'agent.availability_changed', payload: { agentId: agent.id, availability: 'online' } }),
    ]);
  });

  it('works for admins too', async () => {
    const admin = await world.seedUser(aUser().inTenant(agent.tenantId).admin().build());
    expect((await run(setAvailability.execute({ availability: 'online' }, actorOf(admin)))).availability).toBe('online');
  });

  it('announces nothing when the availability is already so', async () => {
    const same = await run(setAvailability.execute({ availability: 'offline' }, actorOf(agent)));
    expect(same).toEqual(agent);
    expect(world.events(agent.tenantId)).toEqual([]);
  });

  it('fails NotFound when the caller no longer exists', async () => {
    const ghost = { userId: newId(), tenantId: agent.tenantId, role: 'agent' as const };
    expect(await failureOf(setAvailability.execute({ availability: 'online' }, ghost))).toEqual(new NotFound({ entity: 'user' }));
  });
});
