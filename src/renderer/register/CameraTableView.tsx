// The camera register as a table of any size: filters, search without diacritics, chosen columns,
// bulk changes on ticked rows, export of what is shown, and the camera opened beside the table.
import { useCallback, useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore, type ComponentProps } from 'react';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { useDevices } from '../devices/use-devices';
import { BulkBar } from './BulkBar';
import { cameraColumns, loadColumns, saveColumns, type ColumnKey } from './camera-columns';
import { CameraDetail } from './CameraDetail';
import { CameraFilters, EMPTY_FILTER, type Filter } from './CameraFilters';
import { ColumnChooser } from './ColumnChooser';
import { useCameraPages, type CameraPages } from './use-camera-pages';
import type { AreaNode } from './use-register-data';
import type { CameraRow, Category } from '../../shared/contract';
import { VirtualTable } from './VirtualTable';
import { REGISTER_ACTIONS, useCameraTableActions } from './register-actions';

/** How many points the register has (the summary line beside areas and cameras). */
function usePointsTotal(): number | null {
  const { api } = useApp();
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    const load = () =>
      api.call('register.points', { limit: 1 }).then(
        (r) => setTotal(r.total),
        () => undefined,
      );
    void load();
    return api.on('register.changed', () => void load());
  }, [api]);
  return total;
}

/** The table's rows, redrawn on every page that arrives; the view around them is not. */
function CameraRows({ pages, ...table }: { pages: CameraPages } & ComponentProps<typeof VirtualTable<CameraRow>>) {
  useSyncExternalStore(pages.subscribe, pages.version);
  return <VirtualTable {...table} />;
}

export function CameraTableView({ areas, categories }: { areas: AreaNode[]; categories: Category[] }) {
  const { t, i18n } = useTranslation();
  const { api, can, settings } = useApp();
  const [filter, setFilter] = useState<Filter>(EMPTY_FILTER);
  // Typing stays smooth: the table follows the words a moment later.
  const deferred = useDeferredValue(filter);
  const [columns, setColumns] = useState<ColumnKey[]>(loadColumns);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const pages = useCameraPages(deferred, 'name', false);
  const pointsTotal = usePointsTotal();
  // The cameras' ONVIF facts (a skewed clock is noted by the name), read once for every row.
  const devices = useDevices();
  const unfiltered = JSON.stringify(deferred) === JSON.stringify(EMPTY_FILTER);
  const cols = useMemo(
    () => cameraColumns(columns, t, i18n.language, categories, settings.timeZone, devices),
    [columns, t, i18n.language, categories, settings.timeZone, devices],
  );
  const lang = i18n.language === 'vi' ? 'vi' : 'en';
  const exportUrl = (format: 'csv' | 'xlsx') => api.downloadUrl(`/download/register-cameras.${format}`, { filter: JSON.stringify(deferred), lang });
  const toggle = useCallback((id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))), []);
  const close = useCallback(() => setOpen(null), []);
  const chooseColumns = useCallback((c: ColumnKey[]) => {
    setColumns(c);
    saveColumns(c);
  }, []);
  const openRow = useCallback((r: CameraRow) => setOpen(r.id), []);
  // "Select {{name}}" looked up once per language, the name put in per row: i18next's lookup and
  // interpolation for every row coming into view was a tenth of a scroll frame's script.
  const selectLabel = useMemo(() => {
    const [before = '', after = ''] = t('register.table.select', { name: '\u0000' }).split('\u0000');
    return (r: CameraRow) => before + r.name + after;
  }, [t]);
  const registry = useActionRegistry();
  const [selectError, setSelectError] = useState<unknown>(null);
  const [bulkDone, setBulkDone] = useState<string | null>(null);
  const selectAll = useCallback(async () => {
    try {
      const { ids } = await api.call('register.cameraIds', { filter: deferred });
      setSelectError(null);
      setSelected(new Set(ids));
    } catch (err) {
      setSelectError(err);
    }
  }, [api, deferred]);
  const clearSelection = useCallback(() => setSelected(new Set()), []);
  const tableCtx = useMemo(
    () => ({ total: pages.total, selected: selected.size, selectAll, clearSelection }),
    [pages.total, selected.size, selectAll, clearSelection],
  );
  useCameraTableActions(tableCtx);
  const manage = can('register.manage');
  return (
    <div className="register-view">
      <div className="register-view__bar">
        <CameraFilters filter={filter} onChange={setFilter} areas={areas} categories={categories} />
        <div className="register-view__tools">
          <ColumnChooser value={columns} onChange={chooseColumns} />
          <a className="button" href={exportUrl('csv')} download>
            {t('register.actions.exportCsv')}
          </a>
          <a className="button" href={exportUrl('xlsx')} download>
            {t('register.actions.exportXlsx')}
          </a>
        </div>
      </div>
      <p className="muted register-view__summary" role="status">
        {pages.total === null
          ? t('common.loading')
          : unfiltered && pointsTotal !== null
            ? t('pages.cameras.summary', {
                areas: t('counts.areas', { count: areas.filter((a) => !a.retiredOn).length }),
                points: t('counts.points', { count: pointsTotal }),
                cameras: t('counts.cameras', { count: pages.total }),
              })
            : t('counts.cameras', { count: pages.total })}
        {manage && pages.total ? (
          <>
            {selected.size < pages.total ? (
              <button type="button" className="button" title="Ctrl+A" onClick={() => registry.run(REGISTER_ACTIONS.selectAll)}>
                {t('register.table.selectAll', { count: pages.total })}
              </button>
            ) : null}
            {selected.size > 0 ? (
              <button type="button" className="button" onClick={() => registry.run(REGISTER_ACTIONS.clearSelection)}>
                {t('register.actions.clearSelection')}
              </button>
            ) : null}
          </>
        ) : null}
      </p>
      {selectError ? (
        <p role="alert" className="message message--error">
          {errorText(t, selectError)}
        </p>
      ) : null}
      {selected.size > 0 && manage ? (
        <BulkBar
          ids={[...selected]}
          onDone={(text) => {
            setSelected(new Set());
            setBulkDone(text);
          }}
        />
      ) : bulkDone ? (
        <p role="status" className="message message--ok">
          {bulkDone}
        </p>
      ) : null}
      {pages.error ? (
        <p role="alert" className="message message--error">
          {errorText(t, pages.error)}
        </p>
      ) : null}
      <div className="register-view__main">
        {pages.total === 0 ? (
          <p role="status" className="register-view__empty">
            {t('register.table.empty')}
          </p>
        ) : (
          <CameraRows
            pages={pages}
            label={t('register.table.label')}
            total={pages.total ?? 0}
            columns={cols}
            row={pages.row}
            need={pages.need}
            selected={selected}
            onToggle={toggle}
            onOpen={openRow}
            current={open}
            loadingText={t('register.table.loadingRow')}
            selectLabel={selectLabel}
          />
        )}
        {open ? <CameraDetail key={open} id={open} onClose={close} /> : null}
      </div>
    </div>
  );
}
