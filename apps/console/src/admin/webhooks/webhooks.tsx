import { useState } from 'react';
import { Empty, ErrorNote, Loading } from '../../components/ui.tsx';
import { useConsole } from '../../context.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { pagePath, readAll } from '../../lib/paging.ts';
import type { Page, Webhook } from '../../lib/types.ts';
import { useResource } from '../use-resource.ts';
import { SecretOnce } from './secret-once.tsx';
import { WebhookForm } from './webhook-form.tsx';
import { WebhookItem } from './webhook-item.tsx';

export const WebhooksScreen = () => {
  const { api, t } = useConsole();
  const { data, error, reload } = useResource(async () => (await readAll<Webhook>((cursor) => api.get<Page<Webhook>>(pagePath('/api/webhooks', {}, cursor, 100)), 10)).items);
  const [secret, setSecret] = useState<Webhook | null>(null);
  if (error instanceof ApiError && error.status === 404) return <p className="notice">{t('webhooks.missing')}</p>;
  const shown = (hook: Webhook) => {
    setSecret(hook);
    void reload();
  };
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">{t('webhooks.title')}</h1>
      <WebhookForm onCreated={shown} />
      {secret?.secret !== undefined && <SecretOnce url={secret.url} secret={secret.secret} />}
      <ErrorNote error={error} />
      {data === null ? (
        error === null && <Loading />
      ) : data.length === 0 ? (
        <Empty>{t('webhooks.empty')}</Empty>
      ) : (
        <ul className="webhooks">
          {data.map((hook) => (
            <WebhookItem key={hook.id} hook={hook} onChanged={() => void reload()} onSecret={shown} />
          ))}
        </ul>
      )}
    </section>
  );
};
