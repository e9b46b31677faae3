// The transport bar: every button runs its action through the registry (same as the keys), with
// the key in its title; the speed is a select; the cursor's date and time in the console's zone.
import { useTranslation } from 'react-i18next';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { SPEEDS, type ClockState } from './sync-clock';

// Line icons drawn here: the console's font has no media-control glyphs (⏮ ⏭ render as boxes).
const GLYPHS: Record<string, string> = {
  jumpBack: 'M11 6 5 12l6 6M19 6l-6 6 6 6',
  stepBack: 'M7 6v12M18 6l-8 6 8 6z',
  reverse: 'M17 5 7 12l10 7z',
  play: 'M7 5l10 7-10 7z',
  pause: 'M8 5v14M16 5v14',
  stepForward: 'M17 6v12M6 6l8 6-8 6z',
  jumpForward: 'M13 6l6 6-6 6M5 6l6 6-6 6',
};

function Glyph({ name }: { name: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={GLYPHS[name]} />
    </svg>
  );
}

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
      <Glyph name={glyph} />
    </button>
  );
  return (
    <div className="pb__transport" role="toolbar" aria-label={t('rec.transport')}>
      {b('playback.jumpBack', t('rec.actions.jumpBack'), 'Shift+←', 'jumpBack')}
      {b('playback.stepBack', t('rec.actions.stepBack'), ',', 'stepBack')}
      {b('playback.reverse', t('rec.actions.reverse'), 'J', 'reverse', state.playing && state.reverse)}
      {b('playback.playPause', playing ? t('rec.actions.pause') : t('rec.actions.play'), 'Space', playing ? 'pause' : 'play')}
      {b('playback.stepForward', t('rec.actions.stepForward'), '.', 'stepForward')}
      {b('playback.jumpForward', t('rec.actions.jumpForward'), 'Shift+→', 'jumpForward')}
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
