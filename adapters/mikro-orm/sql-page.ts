import type { Page, PageRequest } from '../../core/shared/page.ts';

/** Turns `limit + 1` fetched rows into a page: the extra row only says whether a next page exists. */
export const pageFrom = <T>(rows: ReadonlyArray<T>, page: PageRequest, positionOf: (item: T) => string): Page<T> => {
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last !== undefined ? positionOf(last) : null };
};

export const emptyPage: Page<never> = { items: [], next: null };

/** Position of a newest-first list: `createdAt ms|id` (the memory adapter uses the same form). */
export const newestFirstPosition = (item: { readonly createdAt: Date; readonly id: string }): string =>
  `${item.createdAt.getTime()}|${item.id}`;

/** A newest-first position decoded; undefined for the first page, null when the position is not one of ours. */
export const newestFirstAfter = (after: string | null): { readonly at: Date; readonly id: string } | null | undefined => {
  if (after === null) return undefined;
  const [ms = '', id] = after.split('|');
  const at = new Date(Number(ms));
  if (id === undefined || ms === '' || Number.isNaN(at.getTime())) return null;
  return { at, id };
};

/** The filter for rows after a newest-first position; null when the position is not one of ours. */
export const afterNewestFirst = (after: string | null): object | null | undefined => {
  const position = newestFirstAfter(after);
  if (position === null || position === undefined) return position;
  return { $or: [{ createdAt: { $lt: position.at } }, { createdAt: position.at, id: { $lt: position.id } }] };
};

export const newestFirstOrder = [{ createdAt: 'desc' }, { id: 'desc' }] as const;
