// The area tree editor: the centre's tree (province/city → ward/commune → residential group, any
// depth), retired areas shown with when and into what; add, correct, and the effective-dated
// rename, move, merge and split; disable, delete; boundaries from GeoJSON; each area's history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { AreaDialog, type AreaOp } from './AreaDialogs';
import { ConfirmDialog } from './ConfirmDialog';
import { HistoryList } from './HistoryList';
import { uploadFile } from './upload';
import type { AreaNode } from './use-register-data';

const dmy = (day: string) => day.split('-').reverse().join('/');

export function AreasView({ areas }: { areas: AreaNode[] }) {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const [selected, setSelected] = useState<string | null>(null);
  const [op, setOp] = useState<AreaOp | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const area = areas.find((a) => a.id === selected) ?? null;
  const manage = can('register.manage');
  const name = (id: string) => areas.find((a) => a.id === id)?.name ?? '';
  const fail = (err: unknown) => setMessage({ ok: false, text: errorText(t, err) });
  const boundaries = async (file: File | undefined) => {
    if (!file) return;
    try {
      const uploadId = await uploadFile(api.downloadUrl('/upload'), file, () => undefined);
      const r = await api.call('register.importBoundaries', { uploadId });
      setMessage({ ok: true, text: t('register.area.boundariesDone', { matched: r.matched, unmatched: r.unmatched.join(', ') || '—' }) });
    } catch (err) {
      fail(err);
    }
  };
  return (
    <div className="register-view register-view--split">
      <div className="register-view__list">
        <p className="muted">{t('register.area.help')}</p>
        {manage ? (
          <div className="filters">
            <button type="button" className="button button--primary" onClick={() => setOp('new')}>
              {t('register.actions.addArea')}
            </button>
            <button type="button" className="button" onClick={() => setOp('merge')}>
              {t('register.area.merge')}
            </button>
            <label className="button">
              {t('register.area.boundaries')}
              <input
                type="file"
                className="visually-hidden"
                accept=".geojson,.json,application/geo+json,application/json"
                onChange={(e) => void boundaries(e.target.files?.[0])}
              />
            </label>
          </div>
        ) : null}
        {message ? (
          <p role={message.ok ? 'status' : 'alert'} className={`message ${message.ok ? 'message--ok' : 'message--error'}`}>
            {message.text}
          </p>
        ) : null}
        <ul className="area-tree" role="tree" aria-label={t('register.area.title')}>
          {areas.map((a) => (
            <li
              key={a.id}
              role="treeitem"
              aria-level={a.depth + 1}
              aria-selected={a.id === selected}
              className={`area-tree__item${a.retiredOn ? ' area-tree__item--retired' : ''}${a.id === selected ? ' area-tree__item--current' : ''}`}
              style={{ paddingLeft: `${0.5 + a.depth * 1.25}rem` }}
            >
              <button type="button" className="link" onClick={() => setSelected(a.id)}>
                {a.name}
              </button>
              <span className="muted">
                {' '}
                · {t(`register.area.kinds.${a.kind}`)}
                {a.retiredOn
                  ? ` · ${t('register.area.retired', { day: dmy(a.retiredOn), into: a.successorIds.map(name).join(', ') })}`
                  : a.since !== '0001-01-01'
                    ? ` · ${t('register.area.since', { day: dmy(a.since) })}`
                    : ''}
                {a.hasBoundary ? ` · ${t('register.area.boundary')}` : ''}
                {a.disabled ? ` · ${t('register.table.disabled')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <aside className="detail" aria-label={area?.name ?? t('register.area.title')}>
        {area ? (
          <>
            <header className="detail__head">
              <h2>{area.name}</h2>
            </header>
            {manage && !area.retiredOn ? (
              <div className="row-actions">
                <button type="button" className="button" onClick={() => setOp('new')}>
                  {t('register.actions.addArea')}
                </button>
                <button type="button" className="button" onClick={() => setOp('rename')}>
                  {t('register.area.rename')}
                </button>
                <button type="button" className="button" onClick={() => setOp('correct')}>
                  {t('register.area.correct')}
                </button>
                <button type="button" className="button" onClick={() => setOp('move')}>
                  {t('register.area.move')}
                </button>
                <button type="button" className="button" onClick={() => setOp('merge')}>
                  {t('register.area.merge')}
                </button>
                <button type="button" className="button" onClick={() => setOp('split')}>
                  {t('register.area.split')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void api.call('register.setDisabled', { kind: 'area', id: area.id, disabled: !area.disabled }).catch(fail)}
                >
                  {area.disabled ? t('register.actions.enable') : t('register.actions.disable')}
                </button>
                <button type="button" className="button" onClick={() => setConfirm(true)}>
                  {t('register.actions.delete')}
                </button>
              </div>
            ) : null}
            <h3>{t('register.history.title')}</h3>
            <HistoryList kind="area" id={area.id} />
          </>
        ) : (
          <p className="muted">{t('register.area.select')}</p>
        )}
      </aside>
      {op ? (
        <AreaDialog
          op={op}
          area={op === 'new' || op === 'merge' ? (area && !area.retiredOn ? area : null) : area}
          areas={areas}
          onClose={() => setOp(null)}
        />
      ) : null}
      {confirm && area ? (
        <ConfirmDialog
          title={t('register.actions.delete')}
          text={t('register.actions.confirmDelete', { name: area.name })}
          confirm={t('register.actions.delete')}
          cancel={t('register.actions.cancel')}
          onClose={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            api.call('register.delete', { kind: 'area', id: area.id }).then(() => setSelected(null), fail);
          }}
        />
      ) : null}
    </div>
  );
}
