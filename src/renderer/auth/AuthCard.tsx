import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens before sign-in: brand, title, the form, language switch and version. */
export function AuthCard({
  title,
  tagline,
  version,
  onSubmit,
  children,
}: {
  title: string;
  tagline?: boolean;
  version: string;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className="auth" aria-labelledby="auth-title">
      <form className="auth__card" onSubmit={onSubmit} noValidate>
        <div className="auth__brand">{t('app.name')}</div>
        {tagline ? <p className="auth__tagline muted">{t('app.tagline')}</p> : null}
        <h1 id="auth-title">{title}</h1>
        {children}
        <LanguageSwitch />
        <p className="auth__version muted">{t('pages.settings.version', { version })}</p>
      </form>
    </main>
  );
}
