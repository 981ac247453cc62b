import { useCallback, useEffect, useState } from 'react';
import { Empty, ErrorNote, Loading, TableScroll, useAction } from '../../components/ui.tsx';
import { useConsole } from '../../context.tsx';
import { formatTime } from '../../lib/format.ts';
import { appendPage, emptyPaged, pagePath, type Paged } from '../../lib/paging.ts';
import type { Delivery, Page } from '../../lib/types.ts';

/** An endpoint's delivery log, newest first, paged; refreshed every few seconds while a delivery is pending. */
export const Deliveries = ({ hookId, active }: { readonly hookId: string; readonly active: boolean }) => {
  const { api, t } = useConsole();
  const base = `/api/webhooks/${encodeURIComponent(hookId)}/deliveries`;
  const [log, setLog] = useState<Paged<Delivery> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const action = useAction();

  const read = useCallback(
    (from: Paged<Delivery>) =>
      api
        .get<Page<Delivery>>(pagePath(base, {}, from.cursor, 20))
        .then((page) => (setLog(appendPage(from, page)), setError(null)))
        .catch(setError),
    [api, base],
  );
  useEffect(() => void read(emptyPaged()), [read]);
  const pending = log?.items.some((d) => d.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void read(emptyPaged()), 5000);
    return () => clearInterval(timer);
  }, [pending, read]);

  if (log === null) return error === null ? <Loading /> : <ErrorNote error={error} />;
  const redeliver = (id: string) =>
    void action.run(async () => {
      await api.request('POST', `${base}/${encodeURIComponent(id)}/redeliver`);
      await read(emptyPaged());
    });
  return (
    <div className="deliveries">
      <ErrorNote error={action.error ?? error} />
      {log.items.length === 0 ? (
        <Empty>{t('webhooks.noDeliveries')}</Empty>
      ) : (
        <TableScroll label={t('webhooks.deliveries')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ticket.created')}</th>
                <th scope="col">{t('webhooks.event')}</th>
                <th scope="col">{t('inbox.status')}</th>
                <th scope="col">{t('webhooks.lastAnswer')}</th>
                <th scope="col">{t('webhooks.next')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('webhooks.redeliver')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((d) => (
                <DeliveryRow key={d.id} delivery={d} busy={action.busy || !active} onRedeliver={() => redeliver(d.id)} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="form-foot">
        <button type="button" className="secondary outline small" onClick={() => void read(emptyPaged())}>
          {t('webhooks.refresh')}
        </button>
        {!log.done && (
          <button type="button" className="secondary outline small" onClick={() => void read(log)}>
            {t('common.loadMore')}
          </button>
        )}
      </div>
    </div>
  );
};

const DeliveryRow = ({ delivery: d, busy, onRedeliver }: { readonly delivery: Delivery; readonly busy: boolean; readonly onRedeliver: () => void }) => {
  const { t, locale } = useConsole();
  // The error often just names the status code: say it once.
  const code = d.last_status_code === null ? null : `HTTP ${d.last_status_code}`;
  const error = d.last_error !== null && !(code !== null && d.last_error.includes(code)) ? d.last_error : null;
  const answer = [code, error].filter((part) => part !== null).join(' · ');
  const when = d.delivered_at ?? d.next_attempt_at;
  return (
    <tr>
      <td>
        <time dateTime={d.created_at}>{formatTime(d.created_at, locale)}</time>
      </td>
      <td>
        <code>{d.type}</code>
      </td>
      <td>
        <span className={`badge delivery-${d.status}`}>{t(`delivery.${d.status}`)}</span> {t('webhooks.attempts', { n: d.attempts })}
      </td>
      <td className="wrap">{answer === '' ? t('common.none') : answer}</td>
      <td>{when === null ? t('common.none') : <time dateTime={when}>{(d.delivered_at === null ? '' : `${t('delivery.delivered')} `) + formatTime(when, locale)}</time>}</td>
      <td>
        <button type="button" className="secondary small" disabled={busy} onClick={onRedeliver}>
          {t('webhooks.redeliver')}
        </button>
      </td>
    </tr>
  );
};
