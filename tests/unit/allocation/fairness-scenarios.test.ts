import { describe, expect, it } from 'vitest';
import { compareQueueOrder } from '../../../core/allocation/allocation.policy.ts';
import { isActive } from '../../../core/tickets/ticket.ts';
import { expectAllocationInvariants, settle } from '../../support/fairness/fairness-checks.ts';
import { fairnessWorld } from '../../support/fairness/fairness-world.ts';

/** A gate that holds every call whose label matches until the test releases them. */
const heldGate = () => {
  const held: Array<{ label: string; go: () => void }> = [];
  let holding: RegExp | null = null;
  return {
    gate: (label: string) => (holding?.test(label) ? new Promise<void>((go) => held.push({ label, go })) : Promise.resolve()),
    hold: (pattern: RegExp) => void (holding = pattern),
    release: (pattern: RegExp = /.*/) => {
      holding = null;
      for (const call of held.splice(0).filter((c) => pattern.test(c.label))) call.go();
    },
    held: () => held.map((c) => c.label),
  };
};

const idle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('the fairness rule on the platform lane', () => {
  it('gives a freed place to the oldest waiting room even when a newer room is asked about first', async () => {
    const gates = heldGate();
    const world = await fairnessWorld({ nativeAgents: 0, platformAgents: 3, capacity: 1, gate: gates.gate });
    for (let room = 1; room <= 6; room++) await world.roomWritesIn(`room-${room}`);
    await idle();
    const served = world.served().map((t) => t.externalRef);
    expect(served.sort()).toEqual(['room-1', 'room-2', 'room-3']);
    // Room 4 is looked at and finds no place; the platform's answer about room 5 is held back while a place frees.
    gates.hold(/eligible room-5/);
    const first = world.served().find((t) => t.externalRef === 'room-1');
    await world.resolve(first?.id ?? '');
    await idle();
    gates.release();
    await settle(world, idle, () => gates.held().length);
    const waiting = world.waiting().sort(compareQueueOrder).map((t) => t.externalRef);
    expect(world.served().map((t) => t.externalRef).sort()).toEqual(['room-2', 'room-3', 'room-4']);
    expect(waiting).toEqual(['room-5', 'room-6']);
    expectAllocationInvariants(world);
  });

  it('records the older tickets an assignment went ahead of, and why', async () => {
    // One agent on the platform only, one native agent only: a native ticket may pass a waiting room nobody can take.
    const world = await fairnessWorld({ nativeAgents: 1, platformAgents: 1, shared: 0, capacity: 1 });
    await world.roomWritesIn('room-1');
    await world.roomWritesIn('room-2');
    await idle();
    await world.nativeTicket();
    await idle();
    const native = world.tickets().find((t) => t.channel === 'api');
    const waitingRoom = world.waiting().find((t) => t.externalRef === 'room-2');
    const decision = world.assignedEvents().find((e) => e.ticketId === native?.id)?.decision;
    expect(native?.assignedAgentId).toBe(world.natives[0]?.id);
    expect(decision?.passedOver).toEqual([{ ticketId: waitingRoom?.id, reason: 'no_eligible_agent_with_room' }]);
    expectAllocationInvariants(world);
  });

  it('holds a native ticket back while an older room could take the free agent', async () => {
    const gates = heldGate();
    const world = await fairnessWorld({ nativeAgents: 1, platformAgents: 1, shared: 1, capacity: 1, gate: gates.gate });
    await world.nativeTicket();
    await idle();
    const firstNative = world.served()[0];
    await world.roomWritesIn('room-1');
    await world.nativeTicket();
    await idle();
    expect(world.waiting().map((t) => t.externalRef ?? 'native')).toEqual(['room-1', 'native']);
    await world.resolve(firstNative?.id ?? '');
    await settle(world, idle, () => 0);
    expect(world.served().map((t) => t.externalRef)).toEqual(['room-1']);
    expect(world.waiting().map((t) => t.channel)).toEqual(['api']);
    expectAllocationInvariants(world);
  });
});

describe('platform sessions', () => {
  it('gives a room that asks again after its resolve a new ticket, allocated, every time', async () => {
    const world = await fairnessWorld({ nativeAgents: 0, platformAgents: 2, capacity: 1, duplicates: true });
    for (let round = 0; round < 20; round++) {
      await world.roomWritesIn('room-1');
      await settle(world, idle, () => 0);
      await world.roomResolvedOnPlatform('room-1');
      await world.roomWritesIn('room-1');
      await settle(world, idle, () => 0);
      const active = world.tickets().filter((t) => t.externalRef === 'room-1' && isActive(t));
      expect(active).toHaveLength(1);
      expect(active[0]?.assignedAgentId).not.toBeNull();
      await world.roomResolvedOnPlatform('room-1');
      await settle(world, idle, () => 0);
    }
    expect(world.tickets().filter((t) => t.externalRef === 'room-1')).toHaveLength(40);
    expectAllocationInvariants(world);
  });

  it('ignores a late repeat of an earlier session resolve notice', async () => {
    const world = await fairnessWorld({ nativeAgents: 0, platformAgents: 1, capacity: 1 });
    await world.roomWritesIn('room-1');
    await settle(world, idle, () => 0);
    const replay = await world.roomResolvedOnPlatform('room-1');
    await settle(world, idle, () => 0);
    await world.roomWritesIn('room-1');
    await settle(world, idle, () => 0);
    const fresh = world.tickets().find((t) => t.externalRef === 'room-1' && isActive(t));
    expect(fresh?.assignedAgentId).not.toBeNull();
    await replay();
    await settle(world, idle, () => 0);
    expect(world.tickets().find((t) => t.id === fresh?.id)?.status).toBe('open');
  });

  it('does not resolve back on the platform a room the platform resolved', async () => {
    const world = await fairnessWorld({ nativeAgents: 0, platformAgents: 1, capacity: 1 });
    await world.roomWritesIn('room-1');
    await settle(world, idle, () => 0);
    await world.roomResolvedOnPlatform('room-1');
    await settle(world, idle, () => 0);
    expect(world.tickets().filter(isActive)).toEqual([]);
    expect(world.platform.calls.filter((c) => c.call === 'resolve')).toEqual([]);
  });

  it('resolves on the platform a room resolved here', async () => {
    const world = await fairnessWorld({ nativeAgents: 0, platformAgents: 1, capacity: 1 });
    await world.roomWritesIn('room-1');
    await settle(world, idle, () => 0);
    await world.resolve(world.served()[0]?.id ?? '');
    await settle(world, idle, () => 0);
    expect(world.platform.calls.filter((c) => c.call === 'resolve').map((c) => c.roomId)).toEqual(['room-1']);
    expect(world.platform.rooms.get('room-1')?.resolved).toBe(true);
  });
});
