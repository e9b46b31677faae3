// Bookmarks of the chosen cameras (or all), newest first, searchable without diacritics (the core
// folds the query and the notes). Click one to go there; "Export" takes a minute around it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bookmark } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';

export function BookmarkList({
  cameraIds,
  version,
  onPick,
  onExport,
}: {
  cameraIds: string[] | null;
  version: number;
  onPick(b: Bookmark): void;
  onExport(b: Bookmark): void;
}) {
  const { t, i18n } = useTranslation();
  const { api, settings, can } = useApp();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Bookmark[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = cameraIds?.join(',') ?? '';
  useEffect(() => {
    let alive = true;
    const id = setTimeout(() => {
      api.call('bookmarks.list', { query, ...(key ? { cameraIds: key.split(',') } : {}), limit: 100 }).then(
        (list) => alive && (setItems(list), setError(null)),
        (err: unknown) => alive && setError(errorText(t, err)),
      );
    }, 150);
    return () => {
      alive = false;
      clearTimeout(id);
    };
  }, [api, key, query, version, t]);
  return (
    <section className="pb__bookmarks" aria-label={t('rec.bookmarks.title')}>
      <h2>{t('rec.bookmarks.title')}</h2>
      <input
        className="input"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('rec.bookmarks.search')}
        aria-label={t('rec.bookmarks.search')}
      />
      {error ? <p role="alert">{error}</p> : null}
      {items.length === 0 ? <p className="muted">{t('rec.bookmarks.empty')}</p> : null}
      <ul>
        {items.map((b) => (
          <li key={b.id} className="pb__bookmark">
            <button type="button" className="button button--quiet" onClick={() => onPick(b)}>
              <time>{formatDateTime(b.at, i18n.language as Language, settings.timeZone)}</time>
              <span>{b.note || t('rec.bookmarks.noNote')}</span>
            </button>
            {can('export.create') ? (
              <button
                type="button"
                className="button button--quiet pb__bm-export"
                onClick={() => onExport(b)}
                aria-label={t('rec.bookmarks.export', { note: b.note })}
              >
                {t('rec.actions.export')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
