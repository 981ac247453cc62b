import { useState, type FormEvent } from 'react';
import { ErrorNote, Field, useAction } from '../../components/ui.tsx';
import { useConsole } from '../../context.tsx';
import { eventTypes } from '../../lib/live-events.ts';
import type { Webhook } from '../../lib/types.ts';

/** Adds an endpoint: its URL, the events it wants (all by default) and a description. */
export const WebhookForm = ({ onCreated }: { readonly onCreated: (hook: Webhook) => void }) => {
  const { api, t } = useConsole();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [picked, setPicked] = useState<ReadonlyArray<string>>([]);
  const action = useAction();
  const toggle = (type: string, on: boolean) => setPicked(on ? [...picked, type] : picked.filter((p) => p !== type));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { url, events: picked.length === 0 ? ['*'] : picked, ...(description === '' ? {} : { description }) };
    void action.run(async () => {
      onCreated(await api.request<Webhook>('POST', '/api/webhooks', body));
      setUrl('');
      setDescription('');
      setPicked([]);
    });
  };
  return (
    <form onSubmit={submit} noValidate className="grid-form" aria-label={t('webhooks.create')}>
      <Field label={t('webhooks.url')} name="url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={action.error} />
      <Field label={t('webhooks.description')} name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={action.error} />
      <fieldset className="event-picks">
        <legend>{t('webhooks.events')}</legend>
        {eventTypes.map((type) => (
          <label key={type}>
            <input type="checkbox" name="events" value={type} checked={picked.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
            <code>{type}</code>
          </label>
        ))}
      </fieldset>
      <ErrorNote error={action.error} fields={['url', 'description']} />
      <button type="submit" disabled={action.busy} aria-busy={action.busy}>
        {t('webhooks.create')}
      </button>
    </form>
  );
};
