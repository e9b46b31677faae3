// Above the map: which incidents it shows — the last 24 hours, 7 days, 30 days, or a range in the
// centre's time zone. Choosing a span runs its action (the palette has the same commands); the
// range's two fields are plain inputs.
import { useTranslation } from 'react-i18next';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { fromZonedInput, toZonedInput } from '../incidents/time';
import type { IncidentWindow } from './incident-window';

export const WINDOW_ACTIONS = { day: 'map.incidentsDay', week: 'map.incidentsWeek', month: 'map.incidentsMonth', custom: 'map.incidentsCustom' } as const;

export function IncidentFilter({ value, onChange }: { value: IncidentWindow; onChange: (w: IncidentWindow) => void }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const actions = useActionRegistry();
  const tz = settings.timeZone;
  return (
    <span className="map-toolbar__incidents">
      <label>
        {t('pages.map.incidents')}{' '}
        <select value={value.kind} onChange={(e) => actions.run(WINDOW_ACTIONS[e.target.value as keyof typeof WINDOW_ACTIONS])}>
          <option value="day">{t('pages.map.window.day')}</option>
          <option value="week">{t('pages.map.window.week')}</option>
          <option value="month">{t('pages.map.window.month')}</option>
          <option value="custom">{t('pages.map.window.custom')}</option>
        </select>
      </label>
      {value.kind === 'custom' ? (
        <>
          <label>
            {t('pages.map.window.from')}{' '}
            <input
              type="datetime-local"
              id="map-incidents-from"
              value={toZonedInput(value.from, tz)}
              onChange={(e) => {
                const from = fromZonedInput(e.target.value, tz);
                if (from !== null) onChange({ ...value, from, to: Math.max(value.to, from) });
              }}
            />
          </label>
          <label>
            {t('pages.map.window.to')}{' '}
            <input
              type="datetime-local"
              value={toZonedInput(value.to, tz)}
              onChange={(e) => {
                const to = fromZonedInput(e.target.value, tz);
                if (to !== null) onChange({ ...value, to, from: Math.min(value.from, to) });
              }}
            />
          </label>
        </>
      ) : null}
    </span>
  );
}
