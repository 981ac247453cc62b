import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Empty, ErrorNote, PriorityBadge, StatusBadge } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { formatTime, formatWait } from '../lib/format.ts';
import type { QueuedTicket, Ticket } from '../lib/types.ts';
import { href } from '../router.ts';
import { useNow } from '../use-now.ts';
import type { Tab, TicketList as List } from './use-ticket-list.ts';

const isQueued = (ticket: Ticket | QueuedTicket): ticket is QueuedTicket => 'position' in ticket;

/** Up/Down (and Home/End) move the focus between conversations. */
const arrowKeys = (event: KeyboardEvent<HTMLUListElement>) => {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.ticket-row')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  links[Math.max(0, Math.min(links.length - 1, next))]?.focus();
};

export const TicketList = ({ tab, list, selected }: { readonly tab: Tab; readonly list: List; readonly selected: string | null }) => {
  const { t, locale } = useConsole();
  const now = useNow(15_000);
  const sentinel = useRef<HTMLDivElement>(null);
  const { state, loading, error, loadMore } = list;

  useEffect(() => {
    const target = sentinel.current;
    if (target === null || state.done) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore());
    observer.observe(target);
    return () => observer.disconnect();
  }, [state.done, loadMore]);

  return (
    <div className="ticket-list">
      <ErrorNote error={error} />
      {state.items.length === 0 && !loading && error === null && <Empty>{t('inbox.empty')}</Empty>}
      <ul onKeyDown={arrowKeys} aria-label={t(`inbox.${tab}`)}>
        {state.items.map((ticket) => (
          <li key={ticket.id}>
            <a className="ticket-row" href={href('inbox', tab, ticket.id)} aria-current={ticket.id === selected ? 'true' : undefined}>
              <span className="row-title">{ticket.title}</span>
              <span className="row-meta">
                <StatusBadge status={ticket.status} />
                <PriorityBadge priority={ticket.priority} />
                {(ticket.sla?.breached.length ?? 0) > 0 && <span className="badge sla-breached">{t('ticket.slaBreached')}</span>}
                {isQueued(ticket) ? (
                  <span>
                    {t('inbox.position', { n: ticket.position })} · {t('inbox.waiting', { time: formatWait(ticket.queued_at, now, locale) })}
                  </span>
                ) : tab === 'queue' ? (
                  <span>{t('inbox.waiting', { time: formatWait(ticket.created_at, now, locale) })}</span>
                ) : (
                  <time dateTime={ticket.created_at}>{formatTime(ticket.created_at, locale)}</time>
                )}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <div ref={sentinel} className="list-end">
        {loading ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : state.done ? (
          state.items.length > 0 && <p className="muted">{t('inbox.end')}</p>
        ) : (
          <button type="button" className="secondary outline small" onClick={loadMore}>
            {t('common.loadMore')}
          </button>
        )}
      </div>
    </div>
  );
};
