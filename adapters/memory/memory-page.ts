import type { Page, PageRequest } from '../../core/shared/page.ts';

/**
 * One page of `sorted` (already in the list's order). A position is the `positionOf` string of an
 * item; `isAfter(item, position)` says whether an item comes after that position in the order, so
 * rows added since the previous page are neither skipped nor repeated.
 */
export const pageOf = <T>(
  sorted: ReadonlyArray<T>,
  page: PageRequest,
  positionOf: (item: T) => string,
  isAfter: (item: T, position: string) => boolean,
): Page<T> => {
  const { after } = page;
  const start = after === null ? 0 : sorted.findIndex((item) => isAfter(item, after));
  const rest = start < 0 ? [] : sorted.slice(start);
  const items = rest.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: rest.length > page.limit && last !== undefined ? positionOf(last) : null };
};

/** Position and order helpers for lists sorted by (createdAt, id) descending — newest first. */
export const newestFirst = {
  compare: (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): number =>
    b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  positionOf: (item: { createdAt: Date; id: string }): string => `${item.createdAt.getTime()}|${item.id}`,
  isAfter: (item: { createdAt: Date; id: string }, position: string): boolean => {
    const [ms, id = ''] = position.split('|');
    const t = item.createdAt.getTime();
    return t < Number(ms) || (t === Number(ms) && item.id < id);
  },
};
