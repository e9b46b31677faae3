// The transport bar: every button runs its action through the registry (same as the keys), with
// the key in its title; the speed is a select; the cursor's date and time in the console's zone.
import { useTranslation } from 'react-i18next';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { SPEEDS, type ClockState } from './sync-clock';

function speedLabel(s: number): string {
  return s >= 1 ? `${s}×` : `1/${Math.round(1 / s)}×`;
}

export function TransportBar({
  state,
  cursor,
  canExport,
  hasSelection,
}: {
  state: ClockState;
  cursor: number;
  onSeek(utc: number): void;
  canExport: boolean;
  hasSelection: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const registry = useActionRegistry();
  const run = (name: string) => () => registry.run(name);
  const playing = state.playing && !state.reverse;
  const b = (name: string, label: string, key: string, glyph: string, pressed?: boolean) => (
    <button type="button" className="button pb__tbtn" onClick={run(name)} aria-label={label} title={`${label} (${key})`} aria-pressed={pressed}>
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
  return (
    <div className="pb__transport" role="toolbar" aria-label={t('rec.transport')}>
      {b('playback.jumpBack', t('rec.actions.jumpBack'), 'Shift+←', '⏪')}
      {b('playback.stepBack', t('rec.actions.stepBack'), ',', '⏮')}
      {b('playback.reverse', t('rec.actions.reverse'), 'J', '◀', state.playing && state.reverse)}
      {b('playback.playPause', playing ? t('rec.actions.pause') : t('rec.actions.play'), 'Space', playing ? '⏸' : '▶')}
      {b('playback.stepForward', t('rec.actions.stepForward'), '.', '⏭')}
      {b('playback.jumpForward', t('rec.actions.jumpForward'), 'Shift+→', '⏩')}
      <label className="pb__speed">
        <span>{t('rec.speed')}</span>
        <select
          className="input"
          value={state.speed}
          title={`${t('rec.speed')} ([ ])`}
          onChange={(e) => {
            const idx = (v: number) => SPEEDS.indexOf(v as (typeof SPEEDS)[number]);
            const steps = idx(Number(e.target.value)) - idx(state.speed);
            for (let i = 0; i < Math.abs(steps); i++) registry.run(steps > 0 ? 'playback.faster' : 'playback.slower');
          }}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <time className="pb__cursor" aria-live="off">
        {formatDateTime(cursor, i18n.language as Language, settings.timeZone, true)}
      </time>
      <span className="pb__spacer" />
      <button type="button" className="button" onClick={run('playback.bookmark')} title={`${t('rec.actions.bookmark')} (B)`}>
        {t('rec.actions.bookmark')}
      </button>
      {canExport ? (
        <button type="button" className="button button--primary" onClick={run('playback.export')} title={`${t('rec.actions.export')} (E)`}>
          {hasSelection ? t('rec.export.selection') : t('rec.actions.export')}
        </button>
      ) : null}
    </div>
  );
}
