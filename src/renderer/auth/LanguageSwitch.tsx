import { useTranslation } from 'react-i18next';
import { applyLanguage, setLocalLanguage, type Language } from '../i18n';

/** Before sign-in nobody has a setting yet: this browser's own choice, remembered here. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = (lang: Language) => {
    setLocalLanguage(lang);
    void applyLanguage(lang);
  };
  return (
    <div className="lang-switch" role="group" aria-label={t('auth.language')}>
      {(['vi', 'en'] as const).map((l) => (
        <button key={l} type="button" className="button button--quiet" aria-pressed={i18n.language === l} lang={l} onClick={() => choose(l)}>
          {l === 'vi' ? 'Tiếng Việt' : 'English'}
        </button>
      ))}
    </div>
  );
}
