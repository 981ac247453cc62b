import { useState } from 'react';
import { useConsole } from '../context.tsx';
import type { Priority, Status } from '../lib/types.ts';
import { href } from '../router.ts';
import { TicketView } from '../ticket/ticket-view.tsx';
import { TicketList } from './ticket-list.tsx';
import { useTicketList, type ListFilters, type Tab } from './use-ticket-list.ts';

const tabs: ReadonlyArray<Tab> = ['mine', 'queue', 'all'];
const statuses: ReadonlyArray<Status> = ['open', 'in_progress', 'resolved', 'closed'];
const priorities: ReadonlyArray<Priority> = ['high', 'medium', 'low'];

export const isTab = (value: string | undefined): value is Tab => tabs.includes(value as Tab);

export const Inbox = ({ tab, ticketId }: { readonly tab: Tab; readonly ticketId: string | null }) => {
  const { t } = useConsole();
  const [filters, setFilters] = useState<ListFilters>({});
  const list = useTicketList(tab, filters);
  return (
    <div className={`inbox${ticketId === null ? '' : ' has-ticket'}`}>
      <section className="inbox-list" aria-labelledby="inbox-title">
        <h1 id="inbox-title" className="visually-hidden">
          {t('inbox.title')}
        </h1>
        <nav className="tabs" aria-label={t('inbox.title')}>
          {tabs.map((name) => (
            <a key={name} href={href('inbox', name)} aria-current={name === tab ? 'page' : undefined}>
              {t(`inbox.${name}`)}
            </a>
          ))}
        </nav>
        <div className="filters">
          {tab !== 'queue' && (
            <select
              aria-label={t('inbox.status')}
              value={filters.status ?? ''}
              onChange={(e) => setFilters({ ...filters, status: (e.target.value || undefined) as Status | undefined })}
            >
              <option value="">
                {t('inbox.status')}: {t('common.any')}
              </option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
          <select
            aria-label={t('inbox.priority')}
            value={filters.priority ?? ''}
            onChange={(e) => setFilters({ ...filters, priority: (e.target.value || undefined) as Priority | undefined })}
          >
            <option value="">
              {t('inbox.priority')}: {t('common.any')}
            </option>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <TicketList tab={tab} list={list} selected={ticketId} />
      </section>
      <section className="inbox-ticket" aria-label={t('conv.title')}>
        {ticketId === null ? <p className="empty">{t('inbox.pick')}</p> : <TicketView key={ticketId} ticketId={ticketId} backHref={href('inbox', tab)} />}
      </section>
    </div>
  );
};
