// The console's clock with its zone beside it ("14:23:05 · Hồ Chí Minh (GMT+7)"): a time without
// a zone is a guess for anyone reading a screenshot or a report later.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, type Language } from '../i18n';
import { zoneLabel } from '../i18n/zones';
import { useApp } from './app-context';

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function ZoneClock({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const now = useNow();
  const lang = i18n.language as Language;
  return (
    <span className={className}>
      <time aria-label={t('status.clock')} dateTime={new Date(now).toISOString()} className="zone-clock__time">
        {formatDateTime(now, lang, settings.timeZone)}
      </time>
      <span className="zone-clock__zone">{zoneLabel(settings.timeZone, lang, now)}</span>
    </span>
  );
}
