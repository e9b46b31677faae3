// Cameras a smaller layout had no cell for wait here instead of leaving the wall unseen: drag one
// onto a tile, or click it to put it on the selected tile. They go back to their own cell by
// themselves when a layout gives it back.
import { useTranslation } from 'react-i18next';
import type { Camera, ParkedCamera } from '../../shared/contract';
import { HealthDot } from '../health/HealthDot';
import { DRAG_CAMERA } from './drag';

export function ParkedStrip({ parked, cameras, onUnpark, onForget }: {
  parked: readonly ParkedCamera[];
  cameras: Map<string, Camera>;
  onUnpark(cameraId: string): void;
  onForget(): void;
}) {
  const { t } = useTranslation();
  if (parked.length === 0) return null;
  return (
    <div className="parked" role="group" aria-label={t('pages.wall.parked', { count: parked.length })}>
      <span className="parked__title">{t('pages.wall.parked', { count: parked.length })}</span>
      <ul className="parked__list">
        {parked.map((p) => {
          const cam = cameras.get(p.cameraId);
          return (
            <li key={p.cameraId}>
              <button
                type="button"
                className="parked__chip"
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_CAMERA, p.cameraId);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => onUnpark(p.cameraId)}
                title={t('pages.wall.unpark')}
              >
                {cam ? <HealthDot camera={cam} /> : null}
                {cam?.name ?? p.cameraId}
                {p.slot !== null ? <span className="muted"> · {t('pages.wall.fromTile', { n: p.slot + 1 })}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button--quiet parked__forget" onClick={onForget}>
        {t('pages.wall.forgetParked')}
      </button>
    </div>
  );
}
