import { useState, type FormEvent } from 'react';
import { TableScroll, CopyButton, Empty, ErrorNote, Field, Loading, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { formatTime } from '../lib/format.ts';
import { pagePath, readAll } from '../lib/paging.ts';
import type { Channel, Page } from '../lib/types.ts';
import { useResource } from './use-resource.ts';

export const ChannelsScreen = () => {
  const { api, t, locale } = useConsole();
  const { data, error, reload } = useResource(async () => (await readAll<Channel>((cursor) => api.get<Page<Channel>>(pagePath('/api/channels', {}, cursor, 100)), 10)).items);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Channel | null>(null);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      setCreated(await api.request<Channel>('POST', '/api/channels', { name }));
      setName('');
      await reload();
    });
  };
  return (
    <section aria-labelledby="channels-title">
      <h1 id="channels-title">{t('channels.title')}</h1>
      <form onSubmit={submit} noValidate className="inline-form" aria-label={t('channels.add')}>
        <Field label={t('common.name')} name="name" value={name} onChange={(e) => setName(e.target.value)} error={action.error} />
        <button type="submit" disabled={action.busy} aria-busy={action.busy}>
          {t('channels.create')}
        </button>
      </form>
      <ErrorNote error={action.error} fields={['name']} />
      {created?.secret !== undefined && (
        <article className="secret" role="status">
          <p>
            <strong>{t('channels.once')}</strong>
          </p>
          <dl>
            <dt>{t('channels.key')}</dt>
            <dd>
              <code>{created.key}</code> <CopyButton text={created.key} label={t('channels.key')} />
            </dd>
            <dt>{t('channels.secret')}</dt>
            <dd>
              <code data-testid="channel-secret">{created.secret}</code> <CopyButton text={created.secret} label={t('channels.secret')} />
            </dd>
          </dl>
        </article>
      )}
      <ErrorNote error={error} />
      {data === null ? (
        error === null && <Loading />
      ) : data.length === 0 ? (
        <Empty>{t('channels.empty')}</Empty>
      ) : (
        <TableScroll label={t('channels.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('channels.key')}</th>
                <th scope="col">{t('ticket.created')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <code>{c.key}</code>
                  </td>
                  <td>{formatTime(c.created_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
};
