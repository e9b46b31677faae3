// The incident log: filters and search, the list newest first (paged), the selected incident beside
// it, and New incident. The list follows incident.changed events (batched, so a busy shift does
// not reload it on every comment).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../../shared/contract';
import { errorText, fieldError } from '../api/client';
import { newId } from '../api/new-id';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { formatDateTime, type Language } from '../i18n';
import { useRegister } from '../register/use-register';
import { FilterBar, type ListQuery } from './FilterBar';
import { IncidentDetail } from './IncidentDetail';
import { draftProblems, emptyDraft, fieldsOf, IncidentForm, type Draft } from './IncidentForm';
import { categoryName, useIncidentRefs } from './refs';

const PAGE = 50;

function idFromHash(): string | null {
  return /[?&]id=([\w-]{1,64})/.exec(window.location.hash)?.[1] ?? null;
}

function NewIncidentDialog({ onClose, onMade }: { onClose(): void; onMade(id: string): void }) {
  const { t } = useTranslation();
  const { api, settings } = useApp();
  const tree = useRegister();
  const { categories, assignees } = useIncidentRefs();
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(settings.timeZone));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [clientId] = useState(newId);
  const submit = () => {
    const problems = draftProblems(draft, t);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    void api.call('incidents.create', { ...fieldsOf(draft, settings.timeZone), id: clientId }).then(
      (i) => onMade(i.id),
      (err: unknown) => {
        const f = fieldError(t, err);
        if (f) setErrors({ [f.field]: f.text });
        else setError(errorText(t, err));
      },
    );
  };
  return (
    <Dialog
      title={t('book.incidents.new')}
      onSubmit={submit}
      onClose={onClose}
      submitLabel={t('book.incidents.save')}
      cancelLabel={t('book.incidents.cancel')}
      noValidate
    >
      <IncidentForm idPrefix="new" draft={draft} onChange={setDraft} tree={tree} categories={categories} assignees={assignees} errors={errors} />
      {error ? (
        <p className="message message--error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

export function IncidentsTab() {
  const { t, i18n } = useTranslation();
  const { api, settings, can } = useApp();
  const tree = useRegister();
  const { categories, assignees } = useIncidentRefs();
  const [query, setQuery] = useState<ListQuery>({ text: '' });
  /** The list and the query it answers (while they differ, a load is under way). */
  const [result, setResult] = useState<{ query: ListQuery; items: IncidentSummary[]; next: number | null; error: string | null } | null>(null);
  const [selected, setSelected] = useState<string | null>(idFromHash);
  const [creating, setCreating] = useState(false);
  const generation = useRef(0);

  const load = useCallback(
    (q: ListQuery) => {
      const gen = ++generation.current;
      api.call('incidents.list', { ...q, limit: PAGE }).then(
        (page) => gen === generation.current && setResult({ query: q, items: page.items, next: page.next, error: null }),
        (err: unknown) => gen === generation.current && setResult((r) => ({ query: q, items: r?.items ?? [], next: null, error: errorText(t, err) })),
      );
    },
    [api, t],
  );
  useEffect(() => load(query), [load, query]);
  const items = result?.items ?? [];
  const next = result?.next ?? null;
  const error = result?.error ?? null;
  const loading = result?.query !== query;
  // Another console logged or changed something: refresh, at most every half second.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('incident.changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        load(query);
      }, 500);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api, load, query]);
  useEffect(() => {
    const onHash = () => {
      const id = idFromHash();
      if (id) setSelected(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const more = async () => {
    if (next === null) return;
    const page = await api.call('incidents.list', { ...query, limit: PAGE, before: next });
    setResult((r) => (r ? { ...r, items: [...r.items, ...page.items], next: page.next } : r));
  };

  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, settings.timeZone);
  const filtered = Object.keys(query).some((k) => k !== 'text') || query.text.trim() !== '';
  return (
    <div className={`incidents${selected ? ' incidents--detail' : ''}`}>
      <div className="incidents__bar">
        <FilterBar query={query} onChange={setQuery} tree={tree} categories={categories} assignees={assignees} />
        {can('incidents.manage') ? (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            {t('book.incidents.new')}
          </button>
        ) : null}
      </div>
      <div className="incidents__body">
        <div className="incidents__list" aria-busy={loading}>
          {error ? (
            <p className="message message--error" role="alert">
              {error}
            </p>
          ) : null}
          <table className="table incidents__table" aria-label={t('book.incidents.listLabel')}>
            <thead>
              <tr>
                <th>{t('book.incidents.cols.number')}</th>
                <th>{t('book.incidents.cols.occurred')}</th>
                <th>{t('book.incidents.cols.category')}</th>
                <th className="incidents__col--wide">{t('book.incidents.cols.severity')}</th>
                <th>{t('book.incidents.cols.status')}</th>
                <th>{t('book.incidents.cols.title')}</th>
                <th className="incidents__col--wide">{t('book.incidents.cols.area')}</th>
                <th className="incidents__col--wide">{t('book.incidents.cols.assignee')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr
                  key={i.id}
                  className={i.id === selected ? 'incidents__row incidents__row--selected' : 'incidents__row'}
                  aria-selected={i.id === selected}
                >
                  <th scope="row" className="nowrap">
                    <button type="button" className="link-button" onClick={() => setSelected(i.id)}>
                      {i.number}
                    </button>
                  </th>
                  <td className="nowrap">{time(i.occurredAt)}</td>
                  <td className="incidents__category">
                    {categoryName(
                      categories.find((c) => c.id === i.categoryId),
                      i.categoryId,
                      i18n.language,
                    )}
                  </td>
                  <td className="incidents__col--wide">
                    <span className={`severity severity--${i.severity}`}>{t(`book.severity.${i.severity}`)}</span>
                  </td>
                  <td>
                    <span className={`status status--${i.status}`}>{t(`book.status.${i.status}`)}</span>
                  </td>
                  <td className="incidents__title">{i.title}</td>
                  <td className="incidents__col--wide">{i.areaName ?? '—'}</td>
                  <td className="incidents__col--wide">{i.assigneeName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!loading && items.length === 0 ? (
            <p className="muted incidents__empty">{filtered ? t('book.incidents.empty') : t('book.incidents.emptyAll')}</p>
          ) : null}
          {next !== null ? (
            <button type="button" className="button incidents__more" onClick={() => void more()}>
              {t('book.incidents.more')}
            </button>
          ) : null}
        </div>
        {selected ? (
          <IncidentDetail key={selected} id={selected} tree={tree} categories={categories} assignees={assignees} onClose={() => setSelected(null)} />
        ) : (
          <p className="muted incidents__pick">{t('book.incidents.pick')}</p>
        )}
      </div>
      {creating ? (
        <NewIncidentDialog
          onClose={() => setCreating(false)}
          onMade={(id) => {
            setCreating(false);
            setSelected(id);
            load(query);
          }}
        />
      ) : null}
    </div>
  );
}
