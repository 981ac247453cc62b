import { useText } from '../context.tsx';
import { languages, type Language } from '../lib/i18n.ts';

export const LanguagePicker = ({ language, setLanguage }: { readonly language: Language; readonly setLanguage: (language: Language) => void }) => {
  const { t } = useText();
  return (
    <select className="language" aria-label={t('header.language')} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
      {languages.map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.label}
        </option>
      ))}
    </select>
  );
};
