import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../api/transport';
import { formatDateTime, type Language } from '../i18n';
import { useApp } from './app-context';

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function StatusBar({ connection }: { connection: ConnectionState }) {
  const { t, i18n } = useTranslation();
  const { session, settings, system } = useApp();
  const now = useNow();
  return (
    <footer className="status-bar" role="contentinfo" aria-label={t('status.label')}>
      <span className={`status-bar__conn status-bar__conn--${connection}`} role="status" aria-live="polite">
        <span className="dot" aria-hidden="true" />
        {t(`status.connection.${connection}`)}
      </span>
      <span className="status-bar__user">{t('status.user', { name: session.user.displayName })}</span>
      <span className="status-bar__shell">{t(`status.shell.${system.shell}`)}</span>
      <span className="status-bar__spacer" />
      <time className="status-bar__clock" aria-label={t('status.clock')} dateTime={new Date(now).toISOString()}>
        {formatDateTime(now, i18n.language as Language, settings.timeZone)}
      </time>
    </footer>
  );
}
