import { useState, type FormEvent } from 'react';
import { TableScroll, CopyButton, Empty, ErrorNote, Field, Loading, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { ApiError } from '../lib/api-error.ts';
import { formatTime } from '../lib/format.ts';
import { pagePath, readAll } from '../lib/paging.ts';
import type { Page } from '../lib/types.ts';
import { useResource } from './use-resource.ts';

interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: ReadonlyArray<string>;
  readonly description: string | null;
  readonly active: boolean;
  readonly secret?: string;
}

interface Delivery {
  readonly id: string;
  readonly type: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly last_status_code: number | null;
  readonly created_at: string;
}

const missing = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

export const WebhooksScreen = () => {
  const { api, t } = useConsole();
  const { data, error, reload } = useResource(async () => (await readAll<Webhook>((cursor) => api.get<Page<Webhook>>(pagePath('/api/webhooks', {}, cursor, 100)), 10)).items);
  const [form, setForm] = useState({ url: '', events: '*', description: '' });
  const [created, setCreated] = useState<Webhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();
  if (missing(error)) return <p className="notice">{t('webhooks.missing')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { url: form.url, events: form.events.split(',').map((e) => e.trim()).filter((e) => e !== ''), ...(form.description === '' ? {} : { description: form.description }) };
    void action.run(async () => {
      setCreated(await api.request<Webhook>('POST', '/api/webhooks', body));
      await reload();
    });
  };
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">{t('webhooks.title')}</h1>
      <form onSubmit={submit} noValidate className="grid-form">
        <Field label={t('webhooks.url')} name="url" type="url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} error={action.error} />
        <Field label={t('webhooks.events')} name="events" value={form.events} onChange={(e) => setForm({ ...form, events: e.target.value })} error={action.error} />
        <Field label={t('webhooks.description')} name="description" value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} error={action.error} />
        <ErrorNote error={action.error} fields={['url', 'events', 'description']} />
        <button type="submit" disabled={action.busy}>
          {t('webhooks.create')}
        </button>
      </form>
      {created?.secret !== undefined && (
        <article className="secret" role="status">
          <strong>{t('channels.once')}</strong> <code>{created.secret}</code> <CopyButton text={created.secret} label={t('channels.secret')} />
        </article>
      )}
      <ErrorNote error={error} />
      {data === null ? (
        error === null && <Loading />
      ) : data.length === 0 ? (
        <Empty>{t('webhooks.empty')}</Empty>
      ) : (
        <ul className="webhooks">
          {data.map((hook) => (
            <li key={hook.id}>
              <p>
                <code>{hook.url}</code> {hook.active ? '' : '(inactive)'} — {hook.events.join(', ')}
              </p>
              <button type="button" className="secondary outline small" aria-expanded={open === hook.id} onClick={() => setOpen(open === hook.id ? null : hook.id)}>
                {t('webhooks.deliveries')}
              </button>
              {open === hook.id && <Deliveries hookId={hook.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

const Deliveries = ({ hookId }: { readonly hookId: string }) => {
  const { api, t, locale } = useConsole();
  const base = `/api/webhooks/${encodeURIComponent(hookId)}/deliveries`;
  const { data, error, reload } = useResource(async () => (await api.get<Page<Delivery>>(pagePath(base, {}, null, 50))).data);
  const action = useAction();
  if (data === null) return error === null ? <Loading /> : <ErrorNote error={error} />;
  if (data.length === 0) return <Empty>{t('webhooks.noDeliveries')}</Empty>;
  return (
    <TableScroll label={t('webhooks.deliveries')}>
      <ErrorNote error={action.error} />
      <table>
        <tbody>
          {data.map((d) => (
            <tr key={d.id}>
              <td>{formatTime(d.created_at, locale)}</td>
              <td>{d.type}</td>
              <td>
                {d.status} ({d.attempts}
                {d.last_status_code === null ? '' : `, HTTP ${d.last_status_code}`})
              </td>
              <td>
                <button type="button" className="secondary small" disabled={action.busy} onClick={() => void action.run(async () => (await api.request('POST', `${base}/${encodeURIComponent(d.id)}/redeliver`), await reload()))}>
                  {t('webhooks.redeliver')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
};
