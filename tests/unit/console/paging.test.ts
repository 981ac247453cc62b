import { describe, expect, it } from 'vitest';
import { appendPage, emptyPaged, pagePath, readAll } from '../../../apps/console/src/lib/paging.ts';
import type { Page } from '../../../apps/console/src/lib/types.ts';

const row = (id: string) => ({ id });

describe('cursor paging', () => {
  it('appends pages, keeps the next cursor and is done when the API gives none', () => {
    const first = appendPage(emptyPaged<{ id: string }>(), { data: [row('3'), row('2')], next_cursor: 'c1' });
    expect(first).toEqual({ items: [row('3'), row('2')], cursor: 'c1', done: false });
    const second = appendPage(first, { data: [row('1')], next_cursor: null });
    expect(second).toEqual({ items: [row('3'), row('2'), row('1')], cursor: null, done: true });
  });

  it('lists a row a live event already added only once', () => {
    const state = { items: [row('9'), row('3')], cursor: 'c1', done: false };
    expect(appendPage(state, { data: [row('3'), row('2')], next_cursor: null }).items.map((r) => r.id)).toEqual(['9', '3', '2']);
  });

  it('builds the query from the filters set, the limit and the cursor', () => {
    expect(pagePath('/api/tickets', { status: 'open', priority: undefined, assigned_agent_id: '' }, null)).toBe('/api/tickets?status=open&limit=20');
    expect(pagePath('/api/tickets', { assigned_agent_id: 'a b' }, 'x/y+z', 50)).toBe('/api/tickets?assigned_agent_id=a+b&limit=50&cursor=x%2Fy%2Bz');
  });

  it('reads every page in order, passing each next cursor', async () => {
    const pages: Record<string, Page<{ id: string }>> = {
      start: { data: [row('a')], next_cursor: 'p2' },
      p2: { data: [row('b')], next_cursor: 'p3' },
      p3: { data: [row('c')], next_cursor: null },
    };
    const asked: Array<string | null> = [];
    const all = await readAll(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'start'] as Page<{ id: string }>;
    });
    expect(asked).toEqual([null, 'p2', 'p3']);
    expect(all.items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(all.done).toBe(true);
  });

  it('stops after maxPages', async () => {
    let calls = 0;
    const all = await readAll(async () => ({ data: [row(String(++calls))], next_cursor: 'more' }), 3);
    expect(calls).toBe(3);
    expect(all.done).toBe(false);
  });
});
