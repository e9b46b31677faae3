// Choose a point by typing part of its name (no diacritics needed) and picking from the matches.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointRecord } from '../../shared/contract';
import { useApp } from '../app/app-context';

export function PointPicker({
  id,
  value,
  onChange,
  label,
  invalid,
}: {
  id: string;
  value: string;
  onChange(id: string): void;
  label: string;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [query, setQuery] = useState('');
  const [points, setPoints] = useState<PointRecord[]>([]);
  const [chosen, setChosen] = useState<PointRecord | null>(null);
  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      api.call('register.points', { query, limit: 50 }).then(
        (r) => alive && setPoints(r.rows),
        () => undefined,
      );
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, query]);
  useEffect(() => {
    if (!value || chosen?.id === value) return;
    api.call('register.point', { id: value }).then(setChosen, () => undefined);
  }, [api, value, chosen]);
  const options = chosen && !points.some((p) => p.id === chosen.id) ? [chosen, ...points] : points;
  return (
    <div className="point-picker">
      <input
        type="search"
        className="input"
        aria-label={`${label}: ${t('register.point.search')}`}
        placeholder={t('register.point.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <select
        id={id}
        className="input"
        aria-label={label}
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setChosen(options.find((p) => p.id === e.target.value) ?? null);
        }}
      >
        {!value ? <option value="">—</option> : null}
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
