// The one line a wall-only window or operator mode keeps: which view, whether the core is in
// reach, the time with its zone, and (operator mode) the way back. Everything else is on keys and
// Ctrl+K.
import { useTranslation } from 'react-i18next';
import type { View } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { ZoneClock } from '../app/ZoneClock';

export function WallFacts({ view, operatorMode, onExit }: { view: View | null; operatorMode: boolean; onExit(): void }) {
  const { t } = useTranslation();
  const { connection } = useApp();
  return (
    <div className="wall-facts" role="status">
      <span className="wall-facts__view">{view ? view.name : t('pages.wall.viewNone')}</span>
      <span className={`status-bar__conn status-bar__conn--${connection}`}>
        <span className="dot" aria-hidden="true" />
        {t(`status.connection.${connection}`)}
      </span>
      <span className="wall-facts__hint muted">{t('pages.wall.factsHint')}</span>
      <span className="status-bar__spacer" />
      <ZoneClock className="zone-clock" />
      {operatorMode ? (
        <button type="button" className="button" onClick={onExit}>
          {t('pages.wall.exitOperatorMode')}
        </button>
      ) : null}
    </div>
  );
}
