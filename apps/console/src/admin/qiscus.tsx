import { useState, type FormEvent } from 'react';
import { CopyButton, ErrorNote, Field, Loading, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { ApiError } from '../lib/api-error.ts';
import type { QiscusIntegration } from '../lib/types.ts';
import { useResource } from './use-resource.ts';

const blank = { app_code: '', secret_key: '', base_url: '', admin_email: '', admin_password: '' };

export const QiscusScreen = () => {
  const { api, t } = useConsole();
  const { data, error, loaded, setData } = useResource(() => api.get<QiscusIntegration>('/api/integrations/qiscus').catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))));
  const [form, setForm] = useState(blank);
  const save = useAction();
  const register = useAction();
  const [registered, setRegistered] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(form).filter(([name, value]) => value !== '' || name === 'app_code' || name === 'secret_key'));
    void save.run(async () => {
      setData(await api.request<QiscusIntegration>('PUT', '/api/integrations/qiscus', body));
      setForm(blank);
    });
  };
  const set = (name: keyof typeof blank) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const loading = !loaded;

  return (
    <section aria-labelledby="qiscus-title" className="narrow">
      <h1 id="qiscus-title">{t('qiscus.title')}</h1>
      <ErrorNote error={error} />
      {loading && <Loading />}
      {!loading && data === null && <p className="notice">{t('qiscus.none')}</p>}
      {data !== null && (
        <article>
          <p>{t('qiscus.connected', { app: data.app_code })}</p>
          <dl>
            <dt>{t('qiscus.allocationUrl')}</dt>
            <dd>
              <code>{data.agent_allocation_url}</code> <CopyButton text={data.agent_allocation_url} label={t('qiscus.allocationUrl')} />
            </dd>
            <dt>{t('qiscus.resolvedUrl')}</dt>
            <dd>
              <code>{data.mark_as_resolved_url}</code> <CopyButton text={data.mark_as_resolved_url} label={t('qiscus.resolvedUrl')} />
            </dd>
          </dl>
          <button
            type="button"
            className="secondary"
            disabled={register.busy}
            aria-busy={register.busy}
            onClick={() => void register.run(async () => setRegistered((await api.request<{ url: string }>('POST', '/api/v1/settings/set_mark_as_resolved', {})).url))}
          >
            {t('qiscus.register')}
          </button>
          {registered !== null && <p role="status">{t('qiscus.registered', { url: registered })}</p>}
          <ErrorNote error={register.error} />
        </article>
      )}
      <form onSubmit={submit} noValidate>
        <Field label={t('qiscus.appCode')} name="app_code" value={form.app_code} onChange={set('app_code')} error={save.error} autoComplete="off" />
        <Field label={t('qiscus.secretKey')} name="secret_key" type="password" value={form.secret_key} onChange={set('secret_key')} error={save.error} autoComplete="off" />
        <Field label={t('qiscus.baseUrl')} name="base_url" type="url" placeholder="https://multichannel.qiscus.com" value={form.base_url} onChange={set('base_url')} error={save.error} />
        <Field label={t('qiscus.adminEmail')} name="admin_email" type="email" value={form.admin_email} onChange={set('admin_email')} error={save.error} autoComplete="off" />
        <Field label={t('qiscus.adminPassword')} name="admin_password" type="password" value={form.admin_password} onChange={set('admin_password')} error={save.error} autoComplete="off" />
        <ErrorNote error={save.error} fields={Object.keys(blank)} />
        <button type="submit" disabled={save.busy} aria-busy={save.busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
};
