// The list's filters (text without diacritics, time, category, status, area, camera, assignee),
// saved filters of this account, and exports of what is filtered now.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_STATUSES, type IncidentCategory, type IncidentQuery, type RegisterTree, type SavedFilter } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { categoryName, type Assignee } from './refs';
import { fromZonedInput, toZonedInput } from './time';

export type ListQuery = Partial<IncidentQuery> & { text: string };

export function FilterBar({
  query,
  onChange,
  tree,
  categories,
  assignees,
}: {
  query: ListQuery;
  onChange(q: ListQuery): void;
  tree: RegisterTree | null;
  categories: IncidentCategory[];
  assignees: Assignee[];
}) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const [text, setText] = useState(query.text);
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const tz = settings.timeZone;

  // A saved filter or "clear" replaces the query: the box follows (React's "adjust state on a prop change").
  const [shownFor, setShownFor] = useState(query.text);
  if (shownFor !== query.text) {
    setShownFor(query.text);
    setText(query.text);
  }
  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    if (text === query.text) return;
    const id = setTimeout(() => onChange({ ...query, text }), 250);
    return () => clearTimeout(id);
  }, [text, query, onChange]);
  useEffect(() => {
    void api.call('incidents.filters', {}).then(setSaved, () => undefined);
  }, [api]);

  const set = (patch: Partial<ListQuery>) => {
    const next: ListQuery = { ...query, ...patch };
    for (const k of Object.keys(patch) as (keyof ListQuery)[]) if (patch[k] === undefined) delete next[k];
    onChange(next);
  };
  const one = (v: string) => (v ? [v] : undefined);
  const exportHref = (kind: 'xlsx' | 'pdf') =>
    api.downloadUrl(`/incidents/export.${kind}`, { q: JSON.stringify({ ...query, text }), lang: i18n.language === 'vi' ? 'vi' : 'en' });

  const saveFilter = (name: string) => {
    setNaming(null);
    if (!name.trim()) return;
    void api.call('incidents.saveFilter', { name: name.trim(), query: { ...query, text } }).then(
      (f) => setSaved((s) => [...s.filter((x) => x.name !== f.name), f].sort((a, b) => a.name.localeCompare(b.name))),
      (err: unknown) => setMessage(errorText(t, err)),
    );
  };

  return (
    <div className="incident-filters" role="search">
      <input
        className="input incident-filters__text"
        type="search"
        aria-label={t('book.incidents.search')}
        placeholder={t('book.incidents.search')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <label className="inline-field">
        {t('book.incidents.from')}
        <input
          className="input input--compact"
          type="datetime-local"
          value={query.from !== undefined ? toZonedInput(query.from, tz) : ''}
          onChange={(e) => set({ from: fromZonedInput(e.target.value, tz) ?? undefined })}
        />
      </label>
      <label className="inline-field">
        {t('book.incidents.to')}
        <input
          className="input input--compact"
          type="datetime-local"
          value={query.to !== undefined ? toZonedInput(query.to, tz) : ''}
          onChange={(e) => set({ to: fromZonedInput(e.target.value, tz) ?? undefined })}
        />
      </label>
      <select
        className="input input--compact"
        aria-label={t('book.incidents.category')}
        value={query.categoryIds?.[0] ?? ''}
        onChange={(e) => set({ categoryIds: one(e.target.value) })}
      >
        <option value="">{t('book.incidents.anyCategory')}</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {categoryName(c, c.id, i18n.language)}
          </option>
        ))}
      </select>
      <select
        className="input input--compact"
        aria-label={t('book.incidents.statusLabel')}
        value={query.statuses?.[0] ?? ''}
        onChange={(e) => set({ statuses: one(e.target.value) as ListQuery['statuses'] })}
      >
        <option value="">{t('book.incidents.anyStatus')}</option>
        {INCIDENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`book.status.${s}`)}
          </option>
        ))}
      </select>
      <select
        className="input input--compact"
        aria-label={t('book.incidents.area')}
        value={query.areaId ?? ''}
        onChange={(e) => set({ areaId: e.target.value || undefined })}
      >
        <option value="">{t('book.incidents.anyArea')}</option>
        {(tree?.areas ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <select
        className="input input--compact"
        aria-label={t('book.incidents.camera')}
        value={query.cameraId ?? ''}
        onChange={(e) => set({ cameraId: e.target.value || undefined })}
      >
        <option value="">{t('book.incidents.anyCamera')}</option>
        {(tree?.cameras ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <select
        className="input input--compact"
        aria-label={t('book.incidents.assignee')}
        value={query.assigneeId ?? ''}
        onChange={(e) => set({ assigneeId: e.target.value || undefined })}
      >
        <option value="">{t('book.incidents.anyAssignee')}</option>
        <option value="none">{t('book.incidents.unassigned')}</option>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.displayName}
          </option>
        ))}
      </select>
      <button type="button" className="button button--quiet" onClick={() => onChange({ text: '' })}>
        {t('book.incidents.clearFilters')}
      </button>
      <span className="toolbar__sep" aria-hidden="true" />
      <select
        className="input input--compact"
        aria-label={t('book.incidents.savedFilters')}
        value=""
        onChange={(e) => {
          const f = saved.find((x) => x.id === e.target.value);
          if (f) onChange({ ...f.query });
        }}
      >
        <option value="">{t('book.incidents.savedNone')}</option>
        {saved.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => setNaming('')}>
        {t('book.incidents.saveFilter')}
      </button>
      <span className="toolbar__sep" aria-hidden="true" />
      <a className="button" href={exportHref('xlsx')} download title={t('book.incidents.exportHint')}>
        {t('book.incidents.exportXlsx')}
      </a>
      <a className="button" href={exportHref('pdf')} download title={t('book.incidents.exportHint')}>
        {t('book.incidents.exportPdf')}
      </a>
      {message ? (
        <p className="message message--error" role="alert">
          {message}
        </p>
      ) : null}
      {naming !== null ? (
        <Dialog
          title={t('book.incidents.saveFilter')}
          onSubmit={() => saveFilter(naming)}
          onClose={() => setNaming(null)}
          submitLabel={t('book.incidents.save')}
          cancelLabel={t('book.incidents.cancel')}
        >
          <label className="field field--stack">
            <span>{t('book.incidents.filterName')}</span>
            <input className="input" maxLength={100} value={naming} onChange={(e) => setNaming(e.target.value)} autoFocus />
          </label>
        </Dialog>
      ) : null}
    </div>
  );
}
