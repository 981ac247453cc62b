import { describe, expect, it } from 'vitest';
import { queueOrder } from '../../../apps/console/src/lib/queue.ts';
import type { Priority, Ticket } from '../../../apps/console/src/lib/types.ts';
import { consoleTicket } from './console-ticket.ts';

const waiting = (id: string, priority: Priority, minute: string): Ticket => consoleTicket(id, minute, { title: id, priority, assigned_agent_id: null });

describe("the agents' queue order", () => {
  it('serves high before medium before low, first come first within a priority, and numbers the places from 1', () => {
    const listed = [waiting('m2', 'medium', '05'), waiting('l1', 'low', '00'), waiting('h1', 'high', '09'), waiting('m1', 'medium', '01')];
    const queue = queueOrder(listed);
    expect(queue.map((t) => [t.id, t.position])).toEqual([
      ['h1', 1],
      ['m1', 2],
      ['m2', 3],
      ['l1', 4],
    ]);
    expect(queue[0]?.queued_at).toBe('2026-12-03T08:09:00.000Z');
  });

  it('breaks a tie in the same millisecond by id, as ids sort in creation order', () => {
    expect(queueOrder([waiting('b', 'low', '00'), waiting('a', 'low', '00')]).map((t) => t.id)).toEqual(['a', 'b']);
  });
});
