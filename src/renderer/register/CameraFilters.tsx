// The camera table's filters: an area (with everything under it), status, ownership, transmission,
// location category and purpose (any of those ticked), and words without diacritics.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraFilter, Category } from '../../shared/contract';
import { CAMERA_STATUSES, OWNERSHIPS, PURPOSES, TRANSMISSIONS } from '../../shared/contract';
import type { AreaNode } from './use-register-data';
import { categoryName } from './use-register-data';

export type Filter = Required<Pick<CameraFilter, 'areaIds' | 'statuses' | 'ownerships' | 'transmissions' | 'categoryIds' | 'purposes' | 'query'>>;
export const EMPTY_FILTER: Filter = { areaIds: [], statuses: [], ownerships: [], transmissions: [], categoryIds: [], purposes: [], query: '' };

function Multi<K extends string>({
  label,
  options,
  value,
  onChange,
  name,
}: {
  label: string;
  options: readonly K[];
  value: readonly K[];
  onChange(v: K[]): void;
  name(k: K): string;
}) {
  const { t } = useTranslation();
  return (
    <details className="popover">
      <summary className={`button${value.length ? ' button--active' : ''}`}>
        {label}
        {value.length ? ` · ${value.length === 1 ? name(value[0]!) : t('register.filters.chosen', { count: value.length })}` : ''}
      </summary>
      <div className="popover__body" role="group" aria-label={label}>
        {options.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              className="checkbox"
              checked={value.includes(k)}
              onChange={() => onChange(value.includes(k) ? value.filter((x) => x !== k) : [...value, k])}
            />
            {name(k)}
          </label>
        ))}
      </div>
    </details>
  );
}

/**
 * Memoised: the table re-renders on every page of rows that arrives while it scrolls, and the area
 * list alone is thousands of options.
 */
export const CameraFilters = memo(function CameraFilters({
  filter,
  onChange,
  areas,
  categories,
}: {
  filter: Filter;
  onChange(f: Filter): void;
  areas: AreaNode[];
  categories: Category[];
}) {
  const { t } = useTranslation();
  const set = <K extends keyof Filter>(k: K, v: Filter[K]) => onChange({ ...filter, [k]: v });
  const active = JSON.stringify({ ...filter, query: '' }) !== JSON.stringify({ ...EMPTY_FILTER });
  return (
    <div className="filters" role="search" aria-label={t('register.filters.label')}>
      <input
        type="search"
        className="input"
        aria-label={t('register.filters.search')}
        placeholder={t('register.filters.search')}
        value={filter.query}
        onChange={(e) => set('query', e.target.value)}
      />
      <select
        className="input"
        aria-label={t('register.filters.area')}
        value={filter.areaIds[0] ?? ''}
        onChange={(e) => set('areaIds', e.target.value ? [e.target.value] : [])}
      >
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
      <Multi
        label={t('register.filters.status')}
        options={CAMERA_STATUSES}
        value={filter.statuses}
        onChange={(v) => set('statuses', v)}
        name={(k) => t(`camera.status.${k}`)}
      />
      <Multi
        label={t('register.filters.ownership')}
        options={OWNERSHIPS}
        value={filter.ownerships}
        onChange={(v) => set('ownerships', v)}
        name={(k) => t(`register.enums.ownership.${k}`)}
      />
      <Multi
        label={t('register.filters.transmission')}
        options={TRANSMISSIONS}
        value={filter.transmissions}
        onChange={(v) => set('transmissions', v)}
        name={(k) => t(`register.enums.transmission.${k}`)}
      />
      <Multi
        label={t('register.filters.category')}
        options={categories.filter((c) => !c.disabled).map((c) => c.id)}
        value={filter.categoryIds}
        onChange={(v) => set('categoryIds', v)}
        name={(k) => categoryName(t, categories, k)}
      />
      <Multi
        label={t('register.filters.purpose')}
        options={PURPOSES}
        value={filter.purposes}
        onChange={(v) => set('purposes', v)}
        name={(k) => t(`register.enums.purpose.${k}`)}
      />
      {active ? (
        <button type="button" className="button button--quiet" onClick={() => onChange({ ...EMPTY_FILTER, query: filter.query })}>
          {t('register.filters.clear')}
        </button>
      ) : null}
    </div>
  );
});
