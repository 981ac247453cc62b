import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms` (for waiting times). */
export const useNow = (ms: number): number => {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
};
