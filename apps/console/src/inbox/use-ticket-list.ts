import { useCallback, useEffect, useRef, useState } from 'react';
import { useConsole, useLive } from '../context.tsx';
import { applyTicket, matches, type TicketFilter } from '../lib/events.ts';
import { appendPage, emptyPaged, pagePath, type Paged } from '../lib/paging.ts';
import type { Page, Priority, QueuedTicket, Status, Ticket } from '../lib/types.ts';

export type Tab = 'mine' | 'queue' | 'all';

export interface ListFilters {
  readonly status?: Status | undefined;
  readonly priority?: Priority | undefined;
}

interface Source {
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Which tickets belong in the list, for merging live events; null: refetch instead (the admin queue's order is the server's). */
  readonly live: TicketFilter | null;
}

const sourceOf = (tab: Tab, filters: ListFilters, me: { readonly id: string; readonly role: string }): Source => {
  if (tab === 'queue' && me.role === 'admin') return { path: '/api/allocation/queue', query: {}, live: null };
  const assigned = tab === 'mine' ? me.id : tab === 'queue' ? 'none' : undefined;
  const status = tab === 'queue' ? 'open' : filters.status;
  return {
    path: '/api/tickets',
    query: { assigned_agent_id: assigned, status, priority: filters.priority },
    live: { assigned, status, priority: filters.priority },
  };
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
    (from: Paged<Ticket | QueuedTicket>, limit = 20) => {
      const mine = ++generation.current;
      setLoading(true);
      api
        .get<Page<Ticket | QueuedTicket>>(pagePath(source.path, source.query, from.cursor, limit))
        .then((page) => {
          if (mine !== generation.current) return;
          setState(appendPage(from, page));
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
      load(emptyPaged(), 100);
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
    state: source.live === null ? { ...state, items: state.items.filter((item) => matches(item, filters)) } : state,
    loading,
    error,
    loadMore: () => {
      if (!loading && !state.done) load(state);
    },
  };
};
