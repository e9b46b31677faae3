// Beside the map: the area tree (choosing an area narrows the map to it and frames it; a camera
// chosen on the map marks its area here), the filters, and the legend with counts by status.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OWNERSHIPS, PURPOSES, type Area, type MapCamera } from '../../shared/contract';
import { HealthDot } from '../health/HealthDot';
import { sortByName } from '../../shared/text';
import { MAP_STATUSES, STATUS_COLOUR, type MapStatus } from './status';

/** A list longer than this is no help: search instead. */
const LIST_MAX = 300;

export interface MapFilters {
  areaId: string | null;
  statuses: ReadonlySet<MapStatus>;
  ownership: string | null;
  purpose: string | null;
}

export function MapSide({
  areas,
  filters,
  onFilters,
  activeArea,
  counts,
  cameras,
  selected,
  onCamera,
  children,
}: {
  areas: readonly Area[];
  filters: MapFilters;
  onFilters: (f: MapFilters) => void;
  /** The area of the camera chosen on the map. */
  activeArea: string | null;
  counts: Record<MapStatus, number>;
  /** The cameras drawn now, for the keyboard and screen readers (a canvas has no buttons). */
  cameras: readonly MapCamera[];
  selected: string | null;
  onCamera: (c: MapCamera) => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const rows = useMemo(() => {
    const kids = new Map<string | null, Area[]>();
    for (const a of areas) kids.set(a.parentId, [...(kids.get(a.parentId) ?? []), a]);
    const out: { area: Area; depth: number }[] = [];
    const walk = (parent: string | null, depth: number) => {
      for (const a of sortByName(kids.get(parent) ?? [], (x) => x.name)) {
        out.push({ area: a, depth });
        if (depth < 12) walk(a.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [areas]);
  const toggleStatus = (s: MapStatus) => {
    const next = new Set(filters.statuses);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    onFilters({ ...filters, statuses: next });
  };
  return (
    <aside className="map-side" aria-label={t('pages.map.filters')}>
      <section aria-label={t('pages.map.areas')}>
        <h2>{t('pages.map.areas')}</h2>
        <ul className="map-tree" role="tree">
          <li role="treeitem" aria-selected={filters.areaId === null}>
            <button type="button" className="map-tree__item" aria-pressed={filters.areaId === null} onClick={() => onFilters({ ...filters, areaId: null })}>
              {t('pages.map.allAreas')}
            </button>
          </li>
          {rows.map(({ area, depth }) => (
            <li key={area.id} role="treeitem" aria-selected={filters.areaId === area.id} style={{ paddingInlineStart: 12 * (depth + 1) }}>
              <button
                type="button"
                className={`map-tree__item${activeArea === area.id ? ' map-tree__item--active' : ''}`}
                aria-pressed={filters.areaId === area.id}
                aria-current={activeArea === area.id ? 'location' : undefined}
                onClick={() => onFilters({ ...filters, areaId: area.id })}
              >
                {area.name}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label={t('pages.map.legend')}>
        <h2>{t('pages.map.status')}</h2>
        <ul className="map-legend">
          {MAP_STATUSES.map((s) => (
            <li key={s}>
              <label>
                <input type="checkbox" checked={filters.statuses.has(s)} onChange={() => toggleStatus(s)} />
                <span className="map-legend__swatch" style={{ background: STATUS_COLOUR[s] }} aria-hidden="true" />
                {t(`pages.map.statusName.${s}`)} <span className="muted">({counts[s]})</span>
              </label>
            </li>
          ))}
        </ul>
      </section>
      <section className="map-side__selects">
        <label>
          {t('pages.map.ownership')}
          <select value={filters.ownership ?? ''} onChange={(e) => onFilters({ ...filters, ownership: e.target.value || null })}>
            <option value="">{t('pages.map.any')}</option>
            {OWNERSHIPS.map((o) => (
              <option key={o} value={o}>
                {t(`register.enums.ownership.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('pages.map.purpose')}
          <select value={filters.purpose ?? ''} onChange={(e) => onFilters({ ...filters, purpose: e.target.value || null })}>
            <option value="">{t('pages.map.any')}</option>
            {PURPOSES.map((o) => (
              <option key={o} value={o}>
                {t(`register.enums.purpose.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </section>
      {children}
      <section aria-label={t('pages.map.cameraList')}>
        <h2>{t('pages.map.cameraList')}</h2>
        <ul className="map-cameras">
          {sortByName(cameras, (c) => c.name)
            .slice(0, LIST_MAX)
            .map((c) => (
              <li key={c.id}>
                <button type="button" className="map-tree__item" aria-pressed={selected === c.id} onClick={() => onCamera(c)}>
                  <HealthDot camera={c} /> {c.name}
                </button>
              </li>
            ))}
        </ul>
        {cameras.length > LIST_MAX ? <p className="muted">{t('pages.map.listCut', { count: LIST_MAX })}</p> : null}
      </section>
    </aside>
  );
}
