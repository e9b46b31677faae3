// Each person's own display: UI scale, high contrast, operator mode, and the view this window
// opens with. Kept in the core per user, so they follow the person to any console.
import { useTranslation } from 'react-i18next';
import { UI_SCALE_MAX, UI_SCALE_MIN } from '../../../shared/contract';
import { useApp } from '../../app/app-context';
import { useViewsAndTours } from '../../wall/use-views';
import { windowKeyFromHash } from '../../wall/use-window-place';

const SCALES = [90, 100, 110, 125, 150, 175, 200].filter((s) => s >= UI_SCALE_MIN && s <= UI_SCALE_MAX);

export function DisplaySettings({ onError }: { onError(err: unknown): void }) {
  const { t } = useTranslation();
  const { preferences, updatePreferences } = useApp();
  const { views } = useViewsAndTours();
  const windowKey = windowKeyFromHash();
  const save = (patch: Parameters<typeof updatePreferences>[0]) => void updatePreferences(patch).catch(onError);
  const defaultView = preferences.defaultViews[windowKey] ?? '';
  return (
    <section className="card" aria-labelledby="settings-display">
      <h2 id="settings-display">{t('pages.settings.display')}</h2>
      <label className="field">
        <span>{t('pages.settings.uiScale')}</span>
        <select className="input" value={preferences.uiScale} onChange={(e) => save({ uiScale: Number(e.target.value) })}>
          {(SCALES.includes(preferences.uiScale) ? SCALES : [...SCALES, preferences.uiScale].sort((a, b) => a - b)).map((s) => (
            <option key={s} value={s}>
              {s} %
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={preferences.highContrast} onChange={(e) => save({ highContrast: e.target.checked })} />
        {t('pages.settings.highContrast')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={preferences.operatorMode} onChange={(e) => save({ operatorMode: e.target.checked })} />
        {t('pages.settings.operatorMode')}
      </label>
      <p className="muted">{t('pages.settings.operatorModeHelp')}</p>
      <label className="field">
        <span>{t('pages.settings.defaultView')}</span>
        <select
          className="input"
          value={defaultView}
          onChange={(e) => {
            const rest = Object.fromEntries(Object.entries(preferences.defaultViews).filter(([k]) => k !== windowKey));
            save({ defaultViews: e.target.value ? { ...rest, [windowKey]: e.target.value } : rest });
          }}
        >
          <option value="">{t('pages.settings.defaultViewAuto')}</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
