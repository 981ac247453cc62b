import type { Page } from './types.ts';

/** A list read page by page over the API's opaque cursors. */
export interface Paged<T> {
  readonly items: ReadonlyArray<T>;
  readonly cursor: string | null;
  readonly done: boolean;
}

export const emptyPaged = <T>(): Paged<T> => ({ items: [], cursor: null, done: false });

/** Adds a page; a row already listed (moved by a live event) is not listed twice. */
export const appendPage = <T extends { readonly id: string }>(state: Paged<T>, page: Page<T>): Paged<T> => {
  const seen = new Set(state.items.map((item) => item.id));
  return {
    items: [...state.items, ...page.data.filter((item) => !seen.has(item.id))],
    cursor: page.next_cursor,
    done: page.next_cursor === null,
  };
};

/** `path?filters&limit&cursor`, leaving out empty filters. */
export const pagePath = (path: string, filters: Readonly<Record<string, string | undefined>>, cursor: string | null, limit = 20): string => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(name, value);
  query.set('limit', String(limit));
  if (cursor !== null) query.set('cursor', cursor);
  return `${path}?${query}`;
};

/** Reads every page (up to `maxPages`), e.g. a whole conversation. */
export const readAll = async <T extends { readonly id: string }>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  maxPages = 50,
): Promise<Paged<T>> => {
  let state = emptyPaged<T>();
  for (let i = 0; i < maxPages && !state.done; i++) state = appendPage(state, await fetchPage(state.cursor));
  return state;
};
