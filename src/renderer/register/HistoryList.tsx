// A record's history: who changed what, when, before → after, newest first.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../shared/contract';
import { useApp } from '../app/app-context';

type T = (key: string, params?: Record<string, unknown>) => string;

/** Ids are not for people: shown shortened (the record's own screen names what they point at). */
const ID_FIELDS = new Set(['pointId', 'areaId', 'parentId', 'successor', 'mergedFrom', 'parts', 'splitFrom']);

/** A field's value as the editor shows it: translated enums, yes/no, dates, shortened ids. */
function show(t: T, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => show(t, field === 'purposes' ? 'purpose' : field, x)).join(', ');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v !== 'string') return typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (ID_FIELDS.has(field)) return `…${v.slice(-6)}`;
  if (field === 'status') return t(`camera.status.${v}`);
  if (field === 'ownership' || field === 'transmission' || field === 'isp' || field === 'purpose') return t(`register.enums.${field}.${v}`);
  if (field === 'categoryId') return t(`register.enums.category.${v}`, { defaultValue: v });
  if (field === 'kind') return t(`register.area.kinds.${v}`);
  if (field === 'rtspTransport') return v.toUpperCase();
  if (field === 'preferredStream') return t(`pages.wall.stream.${v}`);
  return v;
}

const LABELS: Record<string, string> = {
  pointId: 'register.camera.point',
  areaId: 'register.point.area',
  parentId: 'register.area.parent',
  hasPassword: 'register.camera.password',
  password: 'register.camera.password',
  rtspTransport: 'register.camera.transport',
  preferredStream: 'pages.cameras.columns.stream',
  from: 'register.area.from',
  kind: 'register.area.kind',
  categoryId: 'register.point.category',
  disabled: 'register.actions.disable',
  deleted: 'register.actions.delete',
};

function label(t: T, field: string): string {
  return LABELS[field] ? t(LABELS[field]) : t(`register.camera.${field}`, { defaultValue: t(`register.point.${field}`, { defaultValue: field }) });
}

/** A create or import lists what the record was made with: empty fields say nothing. */
function worthShowing(action: string, field: string, after: unknown): boolean {
  if (action !== 'create' && action !== 'import') return true;
  return !(after === null || after === '' || after === false || (Array.isArray(after) && after.length === 0) || field === 'pointId');
}

export function HistoryList({ kind, id }: { kind: 'area' | 'point' | 'camera'; id: string }) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.call('register.history', { kind, id }).then(
        (h) => alive && setEntries(h),
        () => alive && setEntries([]),
      );
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
            <strong>{t(`register.history.actions.${e.action}`, { defaultValue: e.action })}</strong> · {e.actor ?? t('register.history.system')} ·{' '}
            <time>{when(e.at)}</time>
          </div>
          <dl className="history__changes">
            {Object.entries(e.changes)
              .filter(([field, [, after]]) => worthShowing(e.action, field, after))
              .map(([field, [before, after]]) => (
                <div key={field}>
                  <dt>{label(t, field)}</dt>
                  <dd>
                    {before !== null && before !== undefined ? (
                      <>
                        <span className="history__before">{show(t, field, before)}</span> →{' '}
                      </>
                    ) : null}
                    <span>{show(t, field, after)}</span>
                  </dd>
                </div>
              ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}
