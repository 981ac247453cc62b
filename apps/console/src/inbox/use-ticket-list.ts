import { useCallback, useEffect, useRef, useState } from 'react';
import { useConsole, useLive } from '../context.tsx';
import { applyTicket, matches, type TicketFilter } from '../lib/events.ts';
import { appendPage, emptyPaged, pagePath, readAll, type Paged } from '../lib/paging.ts';
import { queueOrder } from '../lib/queue.ts';
import type { Page, Priority, QueuedTicket, Status, Ticket } from '../lib/types.ts';

export type Tab = 'mine' | 'queue' | 'all';

export interface ListFilters {
  readonly status?: Status | undefined;
  readonly priority?: Priority | undefined;
}

interface Source {
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Which tickets belong in the list, for merging live events; null: a queue, read whole and refetched on changes. */
  readonly live: TicketFilter | null;
  /** Agents rebuild the queue's order themselves (the allocation queue is admin-only). */
  readonly order?: 'queue';
}

const sourceOf = (tab: Tab, filters: ListFilters, me: { readonly id: string; readonly role: string }): Source => {
  if (tab === 'queue' && me.role === 'admin') return { path: '/api/allocation/queue', query: {}, live: null };
  if (tab === 'queue') return { path: '/api/tickets', query: { assigned_agent_id: 'none', status: 'open' }, live: null, order: 'queue' };
  const assigned = tab === 'mine' ? me.id : undefined;
  const { status, priority } = filters;
  return { path: '/api/tickets', query: { assigned_agent_id: assigned, status, priority }, live: { assigned, status, priority } };
};

export interface TicketList {
  readonly state: Paged<Ticket | QueuedTicket>;
  readonly loading: boolean;
  readonly error: unknown;
  readonly loadMore: () => void;
}

/** One inbox tab: pages over the cursors, kept current by live events. */
export const useTicketList = (tab: Tab, filters: ListFilters): TicketList => {
  const { api, user } = useConsole();
  const source = sourceOf(tab, filters, user);
  const key = JSON.stringify(source);
  const [state, setState] = useState<Paged<Ticket | QueuedTicket>>(emptyPaged);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    (from: Paged<Ticket | QueuedTicket>) => {
      const mine = ++generation.current;
      setLoading(true);
      const read = (cursor: string | null, limit: number) => api.get<Page<Ticket | QueuedTicket>>(pagePath(source.path, source.query, cursor, limit));
      const next: Promise<Paged<Ticket | QueuedTicket>> =
        source.live === null ? readAll((cursor) => read(cursor, 100), 10) : read(from.cursor, 20).then((page) => appendPage(from, page));
      next
        .then((paged) => {
          if (mine !== generation.current) return;
          setState(source.order === 'queue' ? { ...paged, items: queueOrder(paged.items) } : paged);
          setError(null);
        })
        .catch((caught: unknown) => mine === generation.current && setError(caught))
        .finally(() => mine === generation.current && setLoading(false));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the source
    [api, key],
  );

  useEffect(() => {
    setState(emptyPaged());
    load(emptyPaged());
  }, [load]);

  const refetch = useCallback(() => {
    if (refetchTimer.current !== null) clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => {
      refetchTimer.current = null;
      load(emptyPaged());
    }, 200);
  }, [load]);
  useEffect(() => () => void (refetchTimer.current !== null && clearTimeout(refetchTimer.current)), []);

  useLive((signal) => {
    if (signal.kind === 'reset') return refetch();
    const ticket = signal.event.data.ticket;
    if (source.live === null) {
      if (ticket !== undefined || signal.event.type === 'allocation.queued') refetch();
      return;
    }
    if (ticket !== undefined) setState((current) => applyTicket(current, ticket, source.live as TicketFilter));
  });

  return {
    // A queue lists open tickets only: of the filters, just the priority applies.
    state: source.live === null ? { ...state, items: state.items.filter((item) => matches(item, { priority: filters.priority })) } : state,
    loading,
    error,
    loadMore: () => {
      if (!loading && !state.done) load(state);
    },
  };
};
