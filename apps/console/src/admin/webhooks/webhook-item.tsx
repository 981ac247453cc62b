import { useState } from 'react';
import { ErrorNote, useAction } from '../../components/ui.tsx';
import { useConsole } from '../../context.tsx';
import type { Webhook } from '../../lib/types.ts';
import { Deliveries } from './deliveries.tsx';

interface Props {
  readonly hook: Webhook;
  readonly onChanged: () => void;
  readonly onSecret: (hook: Webhook) => void;
}

/** One endpoint: pause or resume it, rotate its secret, delete it (asked twice), open its delivery log. */
export const WebhookItem = ({ hook, onChanged, onSecret }: Props) => {
  const { api, t } = useConsole();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const action = useAction();
  const path = `/api/webhooks/${encodeURIComponent(hook.id)}`;
  const run = (method: string, suffix = '', body?: unknown) =>
    void action.run(async () => {
      const answer = await api.request<Webhook | null>(method, path + suffix, body);
      if (answer?.secret !== undefined) onSecret(answer);
      else onChanged();
    });
  return (
    <li className="webhook">
      <p>
        <code>{hook.url}</code> <span className={`badge ${hook.active ? 'status-open' : 'status-closed'}`}>{t(hook.active ? 'webhooks.active' : 'webhooks.inactive')}</span>
        <br />
        <span className="muted">
          {hook.events.includes('*') ? t('webhooks.allEvents') : hook.events.join(', ')}
          {hook.description === null ? '' : ` — ${hook.description}`}
        </span>
      </p>
      <div className="actions" role="group" aria-label={hook.url}>
        <button type="button" className="secondary outline small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('webhooks.deliveries')}
        </button>
        <button type="button" className="secondary outline small" disabled={action.busy} onClick={() => run('PATCH', '', { active: !hook.active })}>
          {t(hook.active ? 'webhooks.pause' : 'webhooks.resume')}
        </button>
        <button type="button" className="secondary outline small" disabled={action.busy} onClick={() => run('POST', '/rotate-secret')}>
          {t('webhooks.rotate')}
        </button>
        <button type="button" className="secondary outline small" disabled={action.busy} onClick={() => (deleting ? run('DELETE') : setDeleting(true))}>
          {t(deleting ? 'webhooks.confirmDelete' : 'webhooks.delete')}
        </button>
      </div>
      <ErrorNote error={action.error} />
      {open && <Deliveries hookId={hook.id} active={hook.active} />}
    </li>
  );
};
