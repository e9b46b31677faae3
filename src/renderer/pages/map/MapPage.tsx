// The map: every point with coordinates, placed by them, coloured by what the core knows of its
// cameras now (camera health), the same as the tree and the register. Without a configured map
// server there are no base tiles (the console works offline), so it is a schematic.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraHealth, HealthState, Point } from '../../../shared/contract';
import { sortByName } from '../../../shared/text';
import { EmptyState } from '../../app/EmptyState';
import { Page } from '../../app/Page';
import { HealthDot, healthOf } from '../../health/HealthDot';
import { useHealth } from '../../health/HealthProvider';
import { useRegister } from '../../register/use-register';
import { project } from './project';

const W = 1000;
const H = 640;

/** A point shows its worst camera: one camera down at a crossing is what the officer must see. */
const SEVERITY: HealthState[] = ['offline', 'reconnecting', 'awaiting_repair', 'connecting', 'unknown', 'live', 'decommissioned'];
function worst(cameras: Camera[], byCamera: ReadonlyMap<string, CameraHealth>): HealthState {
  const states = new Set(cameras.map((c) => healthOf(c, byCamera).state));
  return SEVERITY.find((s) => states.has(s)) ?? 'unknown';
}

export function MapPage() {
  const { t } = useTranslation();
  const tree = useRegister();
  const { byCamera, current: healthCurrent } = useHealth();
  const [selected, setSelected] = useState<string | null>(null);
  const byPoint = useMemo(() => {
    const m = new Map<string, Camera[]>();
    for (const c of sortByName(tree?.cameras ?? [], (x) => x.name)) m.set(c.pointId, [...(m.get(c.pointId) ?? []), c]);
    return m;
  }, [tree]);
  const placed = useMemo(() => project<Point>(tree?.points ?? [], W, H, 70), [tree]);
  const current = tree?.points.find((p) => p.id === selected);

  if (!tree) return <Page title={t('pages.map.title')}>{null}</Page>;
  if (placed.length === 0)
    return (
      <Page title={t('pages.map.title')}>
        <EmptyState title={t('pages.map.emptyTitle')} body={t('pages.map.emptyBody')} />
      </Page>
    );

  return (
    <Page title={t('pages.map.title')} tools={<span className="muted">{t('pages.map.schematic')}</span>}>
      <div className="map">
        <svg className="map__canvas" viewBox={`0 0 ${W} ${H}`} role="group" aria-label={t('pages.map.title')}>
          {placed.map(({ item: p, x, y }) => {
            const cams = byPoint.get(p.id) ?? [];
            const status = worst(cams, byCamera);
            const label = t('pages.map.pointLabel', { name: p.name, count: cams.length });
            return (
              <g
                key={p.id}
                className={`map__point map__point--${status}${selected === p.id ? ' map__point--selected' : ''}${healthCurrent ? '' : ' map__point--stale'}`}
                data-health={status}
                transform={`translate(${x} ${y})`}
                role="button"
                tabIndex={0}
                aria-label={label}
                aria-pressed={selected === p.id}
                onClick={() => setSelected(p.id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setSelected(p.id)}
              >
                <circle r={9 + Math.min(cams.length, 6) * 2} />
                {/* Labels of points near the right edge go to their left, so they stay readable. */}
                <text x={(x > W * 0.7 ? -1 : 1) * (16 + Math.min(cams.length, 6) * 2)} y={5} textAnchor={x > W * 0.7 ? 'end' : 'start'}>
                  {p.name} · {cams.length}
                </text>
              </g>
            );
          })}
        </svg>
        <aside className="map__side" aria-label={current?.name ?? t('pages.map.pickPoint')}>
          {current ? (
            <>
              <h2>{current.name}</h2>
              <p className="muted">{current.address}</p>
              <ul className="map__cameras">
                {(byPoint.get(current.id) ?? []).map((c) => (
                  <li key={c.id}>
                    <HealthDot camera={c} /> {c.name}
                    <a className="button map__show" href={`#/wall?camera=${encodeURIComponent(c.id)}`}>
                      {t('pages.map.showOnWall')}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">{t('pages.map.pickPoint')}</p>
          )}
        </aside>
      </div>
    </Page>
  );
}
