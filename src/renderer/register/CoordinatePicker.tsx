// Coordinates picked on a plan: the register's points drawn where they are (the console works
// offline, without map tiles), and a click sets latitude and longitude. The plan frames the points
// around the current value, or the centre's points, or Vietnam.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointRecord } from '../../shared/contract';
import { useApp } from '../app/app-context';

const W = 420;
const H = 260;

export function CoordinatePicker({ lat, lon, onPick }: { lat: number | null; lon: number | null; onPick(lat: number, lon: number): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [points, setPoints] = useState<PointRecord[]>([]);
  useEffect(() => {
    api.call('register.points', { limit: 500 }).then(
      (r) => setPoints(r.rows.filter((p) => p.lat !== null && p.lon !== null)),
      () => undefined,
    );
  }, [api]);
  const lats = points.map((p) => p.lat!).concat(lat !== null ? [lat] : []);
  const lons = points.map((p) => p.lon!).concat(lon !== null ? [lon] : []);
  const pad = 0.01;
  const box = lats.length
    ? { minLat: Math.min(...lats) - pad, maxLat: Math.max(...lats) + pad, minLon: Math.min(...lons) - pad, maxLon: Math.max(...lons) + pad }
    : { minLat: 8, maxLat: 23.5, minLon: 102, maxLon: 110 };
  const x = (lo: number) => ((lo - box.minLon) / (box.maxLon - box.minLon)) * W;
  const y = (la: number) => H - ((la - box.minLat) / (box.maxLat - box.minLat)) * H;
  return (
    <figure className="coord-picker">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('register.point.pick')}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const fx = (e.clientX - r.left) / r.width;
          const fy = (e.clientY - r.top) / r.height;
          const round = (n: number) => Math.round(n * 1e6) / 1e6;
          onPick(round(box.maxLat - fy * (box.maxLat - box.minLat)), round(box.minLon + fx * (box.maxLon - box.minLon)));
        }}
      >
        <rect width={W} height={H} className="coord-picker__bg" />
        {points.map((p) => (
          <circle key={p.id} cx={x(p.lon!)} cy={y(p.lat!)} r={3} className="coord-picker__point">
            <title>{p.name}</title>
          </circle>
        ))}
        {lat !== null && lon !== null ? <circle cx={x(lon)} cy={y(lat)} r={6} className="coord-picker__here" /> : null}
      </svg>
      <figcaption className="muted">{t('register.point.pickHelp')}</figcaption>
    </figure>
  );
}
