// UI texts in English and Bahasa Indonesia (one file per language under texts/); `{name}` marks a value filled in.
import { en } from './texts/en.ts';
import { id } from './texts/id.ts';

export type TextKey = keyof typeof en;

export type Language = 'en' | 'id';
export const languages: ReadonlyArray<{ readonly code: Language; readonly label: string }> = [
  { code: 'en', label: 'English' },
  { code: 'id', label: 'Bahasa Indonesia' },
];

const dictionaries: Record<Language, Record<TextKey, string>> = { en, id };

export type Translate = (key: TextKey, values?: Readonly<Record<string, string | number>>) => string;

export const translator =
  (language: Language): Translate =>
  (key, values = {}) =>
    dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** BCP 47 tags for Intl: dates, numbers. */
export const localeOf = (language: Language): string => (language === 'id' ? 'id-ID' : 'en-GB');
