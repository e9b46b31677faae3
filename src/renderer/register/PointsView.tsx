// Points (mounting locations): search without diacritics, by area; create, edit, disable and
// delete (with a confirmation; history kept), and each point's history.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, PointRecord } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { ConfirmDialog } from './ConfirmDialog';
import { HistoryList } from './HistoryList';
import { PointEditor } from './PointEditor';
import { categoryName, type AreaNode } from './use-register-data';

export function PointsView({ areas, categories }: { areas: AreaNode[]; categories: Category[] }) {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const [query, setQuery] = useState('');
  const [areaId, setAreaId] = useState('');
  const [rows, setRows] = useState<{ total: number; rows: PointRecord[] } | null>(null);
  const [editing, setEditing] = useState<PointRecord | 'new' | null>(null);
  const [open, setOpen] = useState<PointRecord | null>(null);
  const [confirm, setConfirm] = useState<PointRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.call('register.points', { query, areaId: areaId || null, limit: 500 }).then(
        (r) => alive && setRows(r),
        (err: unknown) => alive && setError(errorText(t, err)),
      );
    const timer = setTimeout(load, 150);
    const off = api.on('register.changed', () => void load());
    return () => {
      alive = false;
      clearTimeout(timer);
      off();
    };
  }, [api, query, areaId, t]);
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name ?? '';
  const manage = can('register.manage');
  return (
    <div className="register-view register-view--split">
      <div className="register-view__list">
        <div className="filters">
          <input
            type="search"
            className="input"
            aria-label={t('register.point.search')}
            placeholder={t('register.point.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <select className="input" aria-label={t('register.filters.area')} value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            <option value="">{t('register.filters.anyArea')}</option>
            {areas
              .filter((a) => !a.retiredOn)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {'\u2003'.repeat(a.depth)}
                  {a.name}
                </option>
              ))}
          </select>
          {manage ? (
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              {t('register.actions.addPoint')}
            </button>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="message message--error">
            {error}
          </p>
        ) : null}
        {rows && rows.rows.length === 0 ? <p role="status">{t('register.point.empty')}</p> : null}
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('register.point.name')}</th>
                <th scope="col">{t('register.point.area')}</th>
                <th scope="col">{t('register.point.category')}</th>
                <th scope="col">{t('register.point.address')}</th>
                <th scope="col">{t('register.point.camerasHead')}</th>
              </tr>
            </thead>
            <tbody>
              {rows?.rows.map((p) => (
                <tr key={p.id} className={open?.id === p.id ? 'table__row--current' : undefined}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => setOpen(p)}>
                      {p.name}
                    </button>
                    {p.disabled ? <span className="tag">{t('register.table.disabled')}</span> : null}
                  </th>
                  <td>{areaName(p.areaId)}</td>
                  <td>{categoryName(t, categories, p.categoryId)}</td>
                  <td>{p.address}</td>
                  <td>{p.cameras}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {open ? (
        <aside className="detail" aria-label={open.name}>
          <header className="detail__head">
            <h2>{open.name}</h2>
            <button
              type="button"
              className="button button--icon button--quiet"
              aria-label={t('register.actions.close')}
              onClick={() => setOpen(null)}
            >
              ×
            </button>
          </header>
          {manage ? (
            <div className="row-actions">
              <button type="button" className="button" onClick={() => setEditing(open)}>
                {t('register.actions.edit')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() =>
                  void api.call('register.setDisabled', { kind: 'point', id: open.id, disabled: !open.disabled }).then(
                    () => setOpen({ ...open, disabled: !open.disabled }),
                    (err: unknown) => setError(errorText(t, err)),
                  )
                }
              >
                {open.disabled ? t('register.actions.enable') : t('register.actions.disable')}
              </button>
              <button type="button" className="button" onClick={() => setConfirm(open)}>
                {t('register.actions.delete')}
              </button>
            </div>
          ) : null}
          <p className="muted">
            {open.lat !== null ? `${open.lat}, ${open.lon}` : ''} {open.custodian ? `· ${open.custodian} ${open.custodianContact}` : ''}
          </p>
          <h3>{t('register.history.title')}</h3>
          <HistoryList kind="point" id={open.id} />
        </aside>
      ) : null}
      {editing ? (
        <PointEditor point={editing === 'new' ? null : editing} areas={areas} categories={categories} onClose={() => setEditing(null)} />
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={t('register.actions.delete')}
          text={t('register.actions.confirmDelete', { name: confirm.name })}
          confirm={t('register.actions.delete')}
          cancel={t('register.actions.cancel')}
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            const p = confirm;
            setConfirm(null);
            api.call('register.delete', { kind: 'point', id: p.id }).then(
              () => setOpen(null),
              (err: unknown) => setError(errorText(t, err)),
            );
          }}
        />
      ) : null}
    </div>
  );
}
