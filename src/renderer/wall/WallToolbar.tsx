import { useTranslation } from 'react-i18next';
import { Icon } from '../app/Icon';
import type { Tour, View } from '../../shared/contract';
import { PRESETS } from '../../shared/layouts';
import type { TourRun } from './use-tour';
import type { WallState } from './wall-state';

export interface WallToolbarProps {
  state: WallState;
  views: View[];
  tours: Tour[];
  tourRun: TourRun | null;
  editingGrid: boolean;
  onLayout(name: string): void;
  onEditGrid(): void;
  onView(id: string): void;
  onSaveView(): void;
  onDeleteView(): void;
  onTourStart(id: string): void;
  onTourPause(): void;
  onTourResume(): void;
  onTourStop(): void;
  onTourNew(): void;
  onNewWindow(): void;
  onFullscreen(): void;
}

export function WallToolbar(p: WallToolbarProps) {
  const { t } = useTranslation();
  const current = p.views.find((v) => v.id === p.state.viewId);
  return (
    <div className="wall__toolbar" role="toolbar" aria-label={t('pages.wall.title')}>
      <label className="inline-field">
        <span>{t('pages.wall.layout')}</span>
        <select className="input input--compact" value={p.state.layout.name} onChange={(e) => p.onLayout(e.target.value)}>
          {PRESETS.map((l) => (
            <option key={l.name} value={l.name}>
              {l.name}
            </option>
          ))}
          {p.state.layout.name === 'custom' ? <option value="custom">{t('pages.wall.layoutCustom')}</option> : null}
        </select>
      </label>
      <button type="button" className="button button--icon" aria-pressed={p.editingGrid} onClick={p.onEditGrid} aria-label={t('pages.wall.editGrid')} title={t('pages.wall.editGrid')}>
        <Icon name="grid" />
      </button>
      <span className="toolbar__sep" />
      <label className="inline-field">
        <span>{t('pages.wall.view')}</span>
        <select className="input input--compact" value={p.state.viewId ?? ''} onChange={(e) => e.target.value && p.onView(e.target.value)}>
          <option value="">{t('pages.wall.viewNone')}</option>
          {p.views.map((v, i) => (
            <option key={v.id} value={v.id}>
              {i < 9 ? `${i + 1}. ` : ''}
              {v.shared ? t('pages.wall.viewShared', { name: v.name }) : v.name}
            </option>
          ))}
        </select>
      </label>
      {p.state.dirty && current ? <span className="muted toolbar__note">{t('pages.wall.viewUnsaved')}</span> : null}
      <button type="button" className="button" onClick={p.onSaveView}>
        {t('pages.wall.saveView')}
      </button>
      {current?.editable ? (
        <button type="button" className="button" onClick={p.onDeleteView}>
          {t('pages.wall.deleteView')}
        </button>
      ) : null}
      <span className="toolbar__sep" />
      {p.tourRun ? (
        <>
          {p.tourRun.paused ? (
            <button type="button" className="button button--primary" onClick={p.onTourResume}>
              {t('pages.wall.tourResume')}
            </button>
          ) : (
            <button type="button" className="button" onClick={p.onTourPause}>
              {t('pages.wall.tourPause')}
            </button>
          )}
          <button type="button" className="button" onClick={p.onTourStop}>
            {t('pages.wall.tourStop')}
          </button>
        </>
      ) : (
        <label className="inline-field">
          <span>{t('pages.wall.tour')}</span>
          <select className="input input--compact" value="" onChange={(e) => e.target.value && p.onTourStart(e.target.value)} aria-label={t('pages.wall.tourStart')}>
            <option value="">{t('pages.wall.tourNone')}</option>
            {p.tours.map((tour) => (
              <option key={tour.id} value={tour.id}>
                {tour.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="button" onClick={p.onTourNew}>
        {t('pages.wall.tourNew')}
      </button>
      <span className="toolbar__sep" />
      <button type="button" className="button button--icon" onClick={p.onNewWindow} aria-label={t('pages.wall.newWindow')} title={t('pages.wall.newWindow')}>
        <Icon name="window" />
      </button>
      <button type="button" className="button button--icon" onClick={p.onFullscreen} aria-keyshortcuts="F" aria-label={t('pages.wall.fullscreen')} title={t('pages.wall.fullscreen')}>
        <Icon name="fullscreen" />
      </button>
    </div>
  );
}
