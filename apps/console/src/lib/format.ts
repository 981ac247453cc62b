/** A timestamp in the browser's time zone. */
export const formatTime = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** How long since `iso`: "45 sec", "12 min", "3 hr 5 min", "2 days". */
export const formatWait = (iso: string, now: number, locale: string): string => {
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  const unit = (value: number, name: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds < 3600) return unit(Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) {
    const minutes = Math.floor((seconds % 3600) / 60);
    return `${unit(Math.floor(seconds / 3600), 'hour')}${minutes > 0 ? ` ${unit(minutes, 'minute')}` : ''}`;
  }
  return unit(Math.floor(seconds / 86_400), 'day');
};

/** Length as the API counts it: Unicode code points. */
export const codePoints = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};
