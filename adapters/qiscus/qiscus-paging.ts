import { Effect } from 'effect';
import { ChatPlatformUnavailable } from '../../core/allocation/chat-platform.port.ts';

export interface CursorPage<A> {
  readonly items: ReadonlyArray<A>;
  readonly next: string | null;
}

/** Follows `next` cursors to the end; a repeated cursor or too many pages is a fault of the platform. */
export const pageThrough = <A, E>(
  operation: string,
  fetchPage: (cursor: string | null) => Effect.Effect<CursorPage<A>, E>,
  maxPages: number,
): Effect.Effect<ReadonlyArray<A>, E | ChatPlatformUnavailable> =>
  Effect.gen(function* () {
    const items: A[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let pages = 0; pages < maxPages; pages++) {
      const page: CursorPage<A> = yield* fetchPage(cursor);
      items.push(...page.items);
      if (page.next === null || page.next === '') return items;
      if (seen.has(page.next)) return yield* new ChatPlatformUnavailable({ operation, reason: 'the platform repeated a page cursor' });
      seen.add(page.next);
      cursor = page.next;
    }
    return yield* new ChatPlatformUnavailable({ operation, reason: `more than ${maxPages} pages` });
  });
