// A record's history: who changed what, when, before → after, newest first.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../shared/contract';
import { useApp } from '../app/app-context';

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function HistoryList({ kind, id }: { kind: 'area' | 'point' | 'camera'; id: string }) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => api.call('register.history', { kind, id }).then((h) => alive && setEntries(h), () => alive && setEntries([]));
    void load();
    const off = api.on('register.changed', () => void load());
    return () => {
      alive = false;
      off();
    };
  }, [api, kind, id]);
  if (!entries) return <p className="muted">{t('common.loading')}</p>;
  if (entries.length === 0) return <p className="muted">{t('register.history.empty')}</p>;
  const when = (ms: number) => new Date(ms).toLocaleString(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: settings.timeZone });
  return (
    <ol className="history" aria-label={t('register.history.title')}>
      {entries.map((e, i) => (
        <li key={i} className="history__entry">
          <div className="history__head">
            <strong>{t(`register.history.actions.${e.action}`, { defaultValue: e.action })}</strong> · {e.actor ?? t('register.history.system')} · <time>{when(e.at)}</time>
          </div>
          <dl className="history__changes">
            {Object.entries(e.changes).map(([field, [before, after]]) => (
              <div key={field}>
                <dt>{t(`register.camera.${field}`, { defaultValue: t(`register.point.${field}`, { defaultValue: field }) })}</dt>
                <dd>
                  <span className="history__before">{show(before)}</span> → <span>{show(after)}</span>
                </dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}
