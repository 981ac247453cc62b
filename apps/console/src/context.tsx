import { createContext, useContext, useEffect, useRef } from 'react';
import type { ApiClient } from './lib/api-client.ts';
import type { Language, Translate } from './lib/i18n.ts';
import type { LiveSignal } from './lib/live-dispatch.ts';
import type { LiveState } from './lib/live-events.ts';
import type { User } from './lib/types.ts';

export type { LiveSignal };
export type LiveListener = (signal: LiveSignal) => void;

export interface Console {
  readonly api: ApiClient;
  readonly user: User;
  readonly setUser: (user: User) => void;
  readonly t: Translate;
  readonly locale: string;
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly liveState: LiveState;
  readonly subscribe: (listener: LiveListener) => () => void;
  readonly logout: () => void;
}

export const ConsoleContext = createContext<Console | null>(null);

/** Texts and locale, also before sign-in. */
export const TextContext = createContext<{ readonly t: Translate; readonly locale: string }>({ t: (key) => key, locale: 'en' });
export const useText = () => useContext(TextContext);

export const useConsole = (): Console => {
  const value = useContext(ConsoleContext);
  if (value === null) throw new Error('useConsole outside the signed-in console');
  return value;
};

/** Calls `listener` for each live event (or reset) while the component is mounted; the latest closure is used. */
export const useLive = (listener: LiveListener): void => {
  const { subscribe } = useConsole();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe((signal) => latest.current(signal)), [subscribe]);
};
