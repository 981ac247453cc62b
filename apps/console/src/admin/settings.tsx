import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote, Field, Loading, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import type { Settings } from '../lib/types.ts';
import { slaFromApi, slaToApi, type ApiSla, type SlaTargets } from '../lib/sla.ts';
import { SlaFields } from './sla-fields.tsx';
import { useResource } from './use-resource.ts';

export const SettingsScreen = () => {
  const { api, t } = useConsole();
  const { data, error, setData } = useResource(() => api.get<Settings>('/api/settings'));
  const [capacity, setCapacity] = useState('');
  const [autoAssign, setAutoAssign] = useState(true);
  const [saved, setSaved] = useState(false);
  const [sla, setSla] = useState<SlaTargets | null>(null);
  const action = useAction();

  useEffect(() => {
    if (data === null) return;
    setCapacity(String(data.max_customers_per_agent));
    setAutoAssign(data.auto_assign);
    setSla('sla' in data ? slaFromApi(data.sla as ApiSla) : null);
  }, [data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void action.run(async () => {
      const body = {
        max_customers_per_agent: capacity.trim() === '' ? null : Number(capacity),
        auto_assign: autoAssign,
        ...(sla === null ? {} : { sla: slaToApi(sla) }),
      };
      setData(await api.request<Settings>('PATCH', '/api/settings', body));
      setSaved(true);
    });
  };
  return (
    <section aria-labelledby="settings-title" className="narrow">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <ErrorNote error={error} />
      {data === null ? (
        error === null && <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          <Field
            label={t('settings.capacity')}
            name="max_customers_per_agent"
            type="number"
            inputMode="numeric"
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            error={action.error}
          />
          <label>
            <input type="checkbox" role="switch" name="auto_assign" checked={autoAssign} onChange={(e) => setAutoAssign(e.target.checked)} />
            {t('settings.autoAssign')}
          </label>
          {sla !== null && <SlaFields value={sla} onChange={setSla} />}
          <ErrorNote error={action.error} fields={['max_customers_per_agent', 'auto_assign']} />
          <div className="form-foot">
            <button type="submit" disabled={action.busy} aria-busy={action.busy}>
              {t('common.save')}
            </button>
            <span role="status" className="saved">
              {saved ? t('common.saved') : ''}
            </span>
          </div>
        </form>
      )}
    </section>
  );
};
