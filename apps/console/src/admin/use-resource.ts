import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from '../context.tsx';
import type { EventType } from '../lib/types.ts';

/** Loads with `loader`; reloads (debounced) on the given live event types and after a reset. */
export const useResource = <T>(loader: () => Promise<T>, liveTypes: ReadonlyArray<EventType> = []) => {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const latest = useRef(loader);
  latest.current = loader;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async () => {
    try {
      setData(await latest.current());
      setError(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => void (timer.current !== null && clearTimeout(timer.current));
  }, [reload]);

  useLive((signal) => {
    if (signal.kind === 'event' && !liveTypes.includes(signal.event.type)) return;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => void reload(), 200);
  });

  return { data, error, loaded, reload, setData };
};
