import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareQueueOrder } from '../../../core/allocation/allocation.policy.ts';
import { expectAllocationInvariants, settle } from '../../support/fairness/fairness-checks.ts';
import { fairnessWorld } from '../../support/fairness/fairness-world.ts';

const idle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('a burst of rooms on the platform lane', () => {
  it('has several assign calls of one batch in flight at once, and a held one does not hold the others back', async () => {
    const held: Array<{ label: string; go: () => void }> = [];
    const world = await fairnessWorld({
      nativeAgents: 0, platformAgents: 4, capacity: 2,
      gate: (label) => (label.startsWith('assign') ? new Promise<void>((go) => held.push({ label, go })) : Promise.resolve()),
    });
    for (let room = 1; room <= 10; room++) void world.roomWritesIn(`room-${room}`);
    await idle();
    expect(held.length).toBeGreaterThan(1);
    // Answers come back newest first; rooms beyond the 8 places keep waiting, oldest first.
    while (held.length > 0) {
      held.splice(0).reverse().forEach((call) => call.go());
      await idle();
    }
    await settle(world, idle, () => held.length);
    expect(world.served()).toHaveLength(8);
    expect(world.waiting().sort(compareQueueOrder).map((t) => t.externalRef)).toEqual(['room-9', 'room-10']);
    expectAllocationInvariants(world);
  });

  it('serves a burst in queue order whatever order the listings and assigns of a batch answer in, some unanswered (random schedules)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 2, max: 12 }),
        fc.record({ platformAgents: fc.integer({ min: 1, max: 4 }), capacity: fc.integer({ min: 1, max: 2 }) }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        async (s, rooms, shape, failures) => {
          const world = await fairnessWorld({ nativeAgents: 0, ...shape, gate: (label) => s.schedule(Promise.resolve(label), label).then(() => undefined) });
          let call = 0;
          world.platform.failAssign = () => failures[call++ % failures.length] === true && call < 4;
          for (let room = 1; room <= rooms; room++) void s.schedule(Promise.resolve(room)).then(() => world.roomWritesIn(`room-${room}`));
          await settle(world, () => s.waitAll(), () => s.count());
          world.platform.failAssign = () => false;
          void world.sweep();
          await settle(world, () => s.waitAll(), () => s.count());
          expectAllocationInvariants(world);
          // Every place is taken, by the oldest rooms.
          const places = shape.platformAgents * shape.capacity;
          expect(world.served()).toHaveLength(Math.min(places, rooms));
          const order = world.tickets().filter((t) => t.externalRef !== null).sort(compareQueueOrder);
          const firstWaiting = order.findIndex((t) => t.assignedAgentId === null);
          if (firstWaiting >= 0) expect(order.slice(firstWaiting).every((t) => t.assignedAgentId === null)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.FAIRNESS_RUNS ?? 100) },
    );
  }, 120_000);
});
