import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConsoleContext, TextContext, type Console, type LiveListener } from './context.tsx';
import { ApiClient, type TokenStore } from './lib/api-client.ts';
import { localeOf, translator, type Language } from './lib/i18n.ts';
import { liveDispatcher } from './lib/live-dispatch.ts';
import { LiveEvents, type LiveState } from './lib/live-events.ts';
import type { User } from './lib/types.ts';
import { Login } from './login.tsx';
import { notifyAssigned, notificationsWanted } from './notify.ts';
import { Shell } from './shell/shell.tsx';

// The refresh token survives a reload of this tab only; the access token lives in memory.
const sessionStore: TokenStore = {
  get: () => sessionStorage.getItem('switchboard.refresh'),
  set: (token) => (token === null ? sessionStorage.removeItem('switchboard.refresh') : sessionStorage.setItem('switchboard.refresh', token)),
};

const initialLanguage = (): Language => {
  const kept = localStorage.getItem('switchboard.language');
  if (kept === 'en' || kept === 'id') return kept;
  return navigator.language.toLowerCase().startsWith('id') ? 'id' : 'en';
};

export const App = () => {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const text = useMemo(() => ({ t: translator(language), locale: localeOf(language) }), [language]);
  return (
    <TextContext.Provider value={text}>
      <Session language={language} setLanguage={setLanguage} />
    </TextContext.Provider>
  );
};

const Session = ({ language, setLanguage }: { readonly language: Language; readonly setLanguage: (language: Language) => void }) => {
  const t = useMemo(() => translator(language), [language]);
  const [user, setUser] = useState<User | null>(null);
  const [booting, setBooting] = useState(true);
  const [ended, setEnded] = useState(false);
  const api = useMemo(
    () =>
      new ApiClient({
        fetch: (input, init) => fetch(input, init),
        store: sessionStore,
        onSessionEnded: () => {
          setUser(null);
          setEnded(true);
        },
      }),
    [],
  );
  const resumed = useRef(false);

  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem('switchboard.language', language);
  }, [language]);

  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    api
      .resume()
      .then(setUser)
      .catch(() => setUser(null))
      .finally(() => setBooting(false));
  }, [api]);

  if (booting) return <p className="boot" aria-busy="true">{t('common.loading')}</p>;
  if (user === null)
    return (
      <Login
        api={api}
        t={t}
        language={language}
        setLanguage={setLanguage}
        ended={ended}
        onSignedIn={(signedIn) => {
          setEnded(false);
          setUser(signedIn);
        }}
      />
    );
  return <SignedIn api={api} user={user} setUser={setUser} language={language} setLanguage={setLanguage} />;
};

interface SignedInProps {
  readonly api: ApiClient;
  readonly user: User;
  readonly setUser: (user: User | null) => void;
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
}

const SignedIn = ({ api, user, setUser, language, setLanguage }: SignedInProps) => {
  const t = useMemo(() => translator(language), [language]);
  const listeners = useRef(new Set<LiveListener>());
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const me = useRef(user);
  me.current = user;
  const text = useRef(t);
  text.current = t;

  const subscribe = useCallback((listener: LiveListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  useEffect(() => {
    const dispatch = liveDispatcher({
      me: () => me.current,
      setMe: setUser,
      assigned: (event) => {
        if (notificationsWanted()) notifyAssigned(text.current('notify.assigned', { title: event.data.ticket?.title ?? '' }));
      },
      fanOut: (signal) => {
        for (const listener of listeners.current) listener(signal);
      },
    });
    const live = new LiveEvents({
      streamTicket: () => api.request<{ ticket: string }>('POST', '/api/events/ticket'),
      open: (url) => new EventSource(url),
      ...dispatch,
      onState: setLiveState,
    });
    live.start();
    return () => live.stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one stream per signed-in client
  }, [api]);

  const value: Console = useMemo(
    () => ({
      api,
      user,
      setUser,
      t,
      language,
      locale: localeOf(language),
      setLanguage,
      liveState,
      subscribe,
      logout: () => {
        void api.logout().then(() => setUser(null));
      },
    }),
    [api, user, setUser, t, language, setLanguage, liveState, subscribe],
  );
  return (
    <ConsoleContext.Provider value={value}>
      <Shell />
    </ConsoleContext.Provider>
  );
};
