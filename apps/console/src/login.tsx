import { useState, type FormEvent } from 'react';
import { LanguagePicker } from './components/language-picker.tsx';
import { ErrorNote, Field, useAction } from './components/ui.tsx';
import type { ApiClient } from './lib/api-client.ts';
import type { Language, Translate } from './lib/i18n.ts';
import type { User } from './lib/types.ts';

interface LoginProps {
  readonly api: ApiClient;
  readonly t: Translate;
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly ended: boolean;
  readonly onSignedIn: (user: User) => void;
}

export const Login = ({ api, t, language, setLanguage, ended, onSignedIn }: LoginProps) => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => onSignedIn(await api.login(email, password)));
  };
  return (
    <main className="login container" id="main">
      <article>
        <header className="login-head">
          <h1>{t('login.title')}</h1>
          <LanguagePicker language={language} setLanguage={setLanguage} />
        </header>
        {ended && error === null && (
          <p className="notice" role="status">
            {t('login.ended')}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <Field label={t('login.email')} name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={error} />
          <Field label={t('login.password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={error} />
          <ErrorNote error={error} fields={['email', 'password']} />
          <button type="submit" aria-busy={busy} disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
      </article>
    </main>
  );
};
