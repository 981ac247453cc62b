import { useEffect, useState } from 'react';

/** The part after `#/`, split: `#/inbox/mine/123` → ['inbox', 'mine', '123']. Hash routes need no server fallback. */
const current = (): ReadonlyArray<string> => window.location.hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '').map(decodeURIComponent);

export const useRoute = (): ReadonlyArray<string> => {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
};

export const href = (...parts: ReadonlyArray<string>): string => `#/${parts.map(encodeURIComponent).join('/')}`;

export const navigate = (...parts: ReadonlyArray<string>): void => {
  window.location.hash = href(...parts);
};
