import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { someEvents } from '../../support/event-builders.ts';

describe('MemoryEventOutbox', () => {
  const rows = (uow: MemoryUnitOfWork) => [...uow.db.outbox.values()].sort((a, b) => a.sequence - b.sequence);

  it('stores appended events unpublished, with sequences increasing in append order across units of work', async () => {
    const uow = new MemoryUnitOfWork();
    const [first, second] = [someEvents(3), someEvents(2)];
    await Effect.runPromise(uow.transaction((s) => s.outbox.append(first)));
    await Effect.runPromise(new MemoryUnitOfWork(uow.db).transaction((s) => s.outbox.append(second)));
    const stored = rows(uow);
    expect(stored.map((r) => r.event)).toEqual([...first, ...second]);
    expect(stored.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(stored.every((r) => r.publishedAt === null)).toBe(true);
  });

  it('drops the events of a failed unit of work and never reuses their sequences', async () => {
    const uow = new MemoryUnitOfWork();
    await Effect.runPromise(Effect.flip(uow.transaction((s) => Effect.andThen(s.outbox.append(someEvents(2)), Effect.fail('boom' as const)))));
    expect(rows(uow)).toEqual([]);
    const kept = someEvents(1);
    await Effect.runPromise(uow.transaction((s) => s.outbox.append(kept)));
    expect(rows(uow).map((r) => [r.event, r.sequence])).toEqual([[kept[0], 3]]);
  });
});
