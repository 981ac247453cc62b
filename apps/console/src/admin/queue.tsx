import { Empty, ErrorNote, Loading, PriorityBadge, TableScroll } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { formatWait } from '../lib/format.ts';
import { pagePath, readAll } from '../lib/paging.ts';
import type { Page, QueuedTicket } from '../lib/types.ts';
import { href } from '../router.ts';
import { useNow } from '../use-now.ts';
import { useResource } from './use-resource.ts';

export const QueueScreen = () => {
  const { api, t, locale } = useConsole();
  const now = useNow(15_000);
  const { data, error } = useResource(
    async () => (await readAll<QueuedTicket>((cursor) => api.get<Page<QueuedTicket>>(pagePath('/api/allocation/queue', {}, cursor, 100)), 10)).items,
    ['ticket.created', 'ticket.assigned', 'ticket.unassigned', 'ticket.status_changed', 'allocation.queued'],
  );
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">
        {t('queue.title')} {data !== null && <span className="count">({data.length})</span>}
      </h1>
      <ErrorNote error={error} />
      {data === null ? (
        error === null && <Loading />
      ) : data.length === 0 ? (
        <Empty>{t('queue.empty')}</Empty>
      ) : (
        <TableScroll label={t('queue.title')}>
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">{t('queue.position')}</th>
                <th scope="col">{t('conv.title')}</th>
                <th scope="col">{t('inbox.priority')}</th>
                <th scope="col">{t('queue.waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((ticket) => (
                <tr key={ticket.id}>
                  <td>{ticket.position}</td>
                  <td>
                    <a href={href('inbox', 'queue', ticket.id)}>{ticket.title}</a>
                  </td>
                  <td>
                    <PriorityBadge priority={ticket.priority} />
                  </td>
                  <td>{formatWait(ticket.queued_at, now, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
};
