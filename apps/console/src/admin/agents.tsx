import { useState } from 'react';
import { TableScroll, Empty, ErrorNote, Loading, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { pagePath, readAll } from '../lib/paging.ts';
import type { AgentLoad, Page, Settings, User } from '../lib/types.ts';
import { useResource } from './use-resource.ts';

interface Floor {
  readonly loads: ReadonlyArray<AgentLoad>;
  readonly users: ReadonlyMap<string, User>;
  readonly settings: Settings;
}

export const AgentsScreen = () => {
  const { api, t } = useConsole();
  const { data, error, reload } = useResource<Floor>(
    async () => {
      const [loads, users, settings] = await Promise.all([
        readAll<AgentLoad & { id: string }>(async (cursor) => {
          const page = await api.get<Page<AgentLoad>>(pagePath('/api/allocation/agents', {}, cursor, 100));
          return { ...page, data: page.data.map((a) => ({ ...a, id: a.agent_id })) };
        }, 20),
        readAll<User>((cursor) => api.get<Page<User>>(pagePath('/api/users', { role: 'agent' }, cursor, 100)), 20),
        api.get<Settings>('/api/settings'),
      ]);
      return { loads: loads.items, users: new Map(users.items.map((u) => [u.id, u])), settings };
    },
    ['ticket.assigned', 'ticket.unassigned', 'ticket.status_changed', 'agent.availability_changed'],
  );
  return (
    <section aria-labelledby="agents-title">
      <h1 id="agents-title">{t('agents.title')}</h1>
      <ErrorNote error={error} />
      {data === null ? (
        error === null && <Loading />
      ) : data.loads.length === 0 ? (
        <Empty>{t('agents.empty')}</Empty>
      ) : (
        <TableScroll label={t('agents.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('header.available')}</th>
                <th scope="col">{t('agents.load')}</th>
                <th scope="col">{t('agents.capacity')}</th>
              </tr>
            </thead>
            <tbody>
              {data.loads.map((agent) => (
                <AgentRow key={agent.agent_id} agent={agent} user={data.users.get(agent.agent_id)} fallback={data.settings.max_customers_per_agent} onSaved={reload} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
};

const AgentRow = ({ agent, user, fallback, onSaved }: { agent: AgentLoad; user: User | undefined; fallback: number; onSaved: () => Promise<void> }) => {
  const { api, t } = useConsole();
  const [value, setValue] = useState(user?.max_customers === null || user === undefined ? '' : String(user.max_customers));
  const { error, busy, run } = useAction();
  const save = () =>
    void run(async () => {
      await api.request('PATCH', `/api/users/${encodeURIComponent(agent.agent_id)}`, { max_customers: value.trim() === '' ? null : Number(value) });
      await onSaved();
    });
  const fieldId = `max-${agent.agent_id}`;
  return (
    <tr>
      <th scope="row">{agent.name}</th>
      <td>
        <span className={`dot ${agent.availability}`} aria-hidden="true" /> {agent.availability === 'online' ? t('header.available') : t('common.none')}
      </td>
      <td className="load">
        <meter min={0} max={Math.max(agent.capacity, 1)} value={agent.load} aria-label={`${t('agents.load')} ${agent.name}`} />
        <span>{t('agents.loadOf', { load: agent.load, capacity: agent.capacity })}</span>
      </td>
      <td>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label htmlFor={fieldId} className="visually-hidden">
            {t('agents.capacity')} {agent.name}
          </label>
          <input id={fieldId} name="max_customers" type="number" min={0} max={1000} inputMode="numeric" placeholder={t('agents.default', { n: fallback })} value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="small" disabled={busy}>
            {t('common.save')}
          </button>
        </form>
        <ErrorNote error={error} />
      </td>
    </tr>
  );
};
