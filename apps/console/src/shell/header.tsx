import { useState } from 'react';
import { LanguagePicker } from '../components/language-picker.tsx';
import { useConsole } from '../context.tsx';
import type { User } from '../lib/types.ts';
import { notificationsWanted, setNotificationsWanted } from '../notify.ts';

export const Header = () => {
  const { api, user, setUser, t, language, setLanguage, liveState, logout } = useConsole();
  const [notify, setNotify] = useState(notificationsWanted);
  const [busy, setBusy] = useState(false);
  const online = user.availability === 'online';
  // Ticked at once; the browser's permission prompt may follow.
  const changeNotify = (on: boolean) => {
    setNotify(on);
    void setNotificationsWanted(on).then(setNotify);
  };
  const toggleAvailability = () => {
    setBusy(true);
    void api
      .request<User>('PATCH', '/api/me/availability', { availability: online ? 'offline' : 'online' })
      .then(setUser)
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <header className="topbar">
      <a className="brand" href="#/inbox">
        {t('app.name')}
      </a>
      <span className={`live live-${liveState}`} role="status">
        {t(`live.${liveState}`)}
      </span>
      <div className="controls">
        <label className="switch">
          <input type="checkbox" role="switch" name="availability" checked={online} disabled={busy} onChange={toggleAvailability} />
          {t('header.available')}
        </label>
        <label className="switch">
          <input type="checkbox" name="notify" checked={notify} onChange={(e) => changeNotify(e.target.checked)} />
          {t('header.notify')}
        </label>
        <LanguagePicker language={language} setLanguage={setLanguage} />
        <span className="who" title={user.email}>
          {user.name}
        </span>
        <button type="button" className="secondary outline small" onClick={logout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
};
