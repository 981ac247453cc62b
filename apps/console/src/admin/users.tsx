import { useState, type FormEvent } from 'react';
import { TableScroll, Empty, ErrorNote, Field, Loading, useAction } from '../components/ui.tsx';
import { useConsole } from '../context.tsx';
import { pagePath, readAll } from '../lib/paging.ts';
import type { Page, Role, User } from '../lib/types.ts';
import { useResource } from './use-resource.ts';

const roles: ReadonlyArray<Role> = ['agent', 'admin'];

export const UsersScreen = () => {
  const { api, t } = useConsole();
  const { data, error, reload } = useResource(
    async () => (await readAll<User>((cursor) => api.get<Page<User>>(pagePath('/api/users', {}, cursor, 100)), 20)).items,
    ['agent.availability_changed'],
  );
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <ErrorNote error={error} />
      <NewUser onCreated={reload} />
      {data === null ? (
        error === null && <Loading />
      ) : data.length === 0 ? (
        <Empty>{t('users.empty')}</Empty>
      ) : (
        <TableScroll label={t('users.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.email')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.active')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((u) => (
                <UserRow key={u.id} user={u} onChanged={reload} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
};

const UserRow = ({ user, onChanged }: { readonly user: User; readonly onChanged: () => Promise<void> }) => {
  const { api, t, user: me } = useConsole();
  const { error, busy, run } = useAction();
  const patch = (change: Partial<Pick<User, 'role' | 'active'>>) =>
    void run(async () => {
      await api.request('PATCH', `/api/users/${encodeURIComponent(user.id)}`, change);
      await onChanged();
    });
  const self = user.id === me.id;
  return (
    <tr>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>
        <select aria-label={`${t('users.role')} ${user.name}`} value={user.role} disabled={busy || self} onChange={(e) => patch({ role: e.target.value as Role })}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <ErrorNote error={error} />
      </td>
      <td>
        <input type="checkbox" role="switch" aria-label={`${t('users.active')} ${user.name}`} checked={user.active} disabled={busy || self} onChange={(e) => patch({ active: e.target.checked })} />
      </td>
    </tr>
  );
};

const NewUser = ({ onCreated }: { readonly onCreated: () => Promise<void> }) => {
  const { api, t } = useConsole();
  const blank = { email: '', name: '', password: '', role: 'agent' as Role };
  const [form, setForm] = useState(blank);
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.request('POST', '/api/users', form);
      setForm(blank);
      await onCreated();
    });
  };
  const set = (name: keyof typeof blank) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <details className="new-user">
      <summary role="button" className="secondary outline">
        {t('users.add')}
      </summary>
      <form onSubmit={submit} noValidate className="grid-form">
        <Field label={t('common.name')} name="name" value={form.name} onChange={set('name')} error={error} autoComplete="off" />
        <Field label={t('common.email')} name="email" type="email" value={form.email} onChange={set('email')} error={error} autoComplete="off" />
        <Field label={t('users.password')} name="password" type="password" value={form.password} onChange={set('password')} error={error} autoComplete="new-password" />
        <label htmlFor="new-role">
          {t('users.role')}
          <select id="new-role" name="role" value={form.role} onChange={set('role')}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <ErrorNote error={error} fields={['name', 'email', 'password', 'role']} />
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('users.create')}
        </button>
      </form>
    </details>
  );
};
