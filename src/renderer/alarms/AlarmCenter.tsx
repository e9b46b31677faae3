// The alarm bell in the status bar (open count, the most urgent priority's colour, a pulse while a
// critical or high one waits) and the drawer it opens over any page: the officer handles alarms
// without leaving the wall.
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlarmStore, useAlarmView } from './alarm-store';
import { AlarmQueue } from './AlarmQueue';

export function AlarmBell() {
  const { t } = useTranslation();
  const { enabled, drawerOpen, setDrawerOpen, sound } = useAlarmStore();
  const view = useAlarmView();
  const tones = useSyncExternalStore(
    (l) => sound.subscribe(l),
    () => sound.tones,
  );
  if (!enabled) return null;
  const top = view.list[0]?.priority ?? null;
  const count = view.list.length;
  return (
    <button
      type="button"
      className={`alarm-bell${top ? ` alarm-bell--${top}` : ''}`}
      aria-expanded={drawerOpen}
      aria-controls="alarm-drawer"
      data-tones={tones}
      data-count={count}
      onClick={() => setDrawerOpen(!drawerOpen)}
      title={count ? t('book.alarms.bell', { count }) : t('book.alarms.bellNone')}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <path d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2zM10 21h4" />
      </svg>
      <span>{count ? t('book.alarms.bell', { count }) : t('book.alarms.bellNone')}</span>
    </button>
  );
}

export function AlarmDrawer() {
  const { t } = useTranslation();
  const { drawerOpen, setDrawerOpen, sound, enabled } = useAlarmStore();
  const muted = useSyncExternalStore(
    (l) => sound.subscribe(l),
    () => sound.muted,
  );
  useEffect(() => {
    if (!drawerOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !document.querySelector('dialog[open]') && setDrawerOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawerOpen, setDrawerOpen]);
  if (!enabled || !drawerOpen) return null;
  return (
    <aside id="alarm-drawer" className="alarm-drawer" aria-label={t('book.alarms.drawer')}>
      <header className="alarm-drawer__head">
        <h2>{t('book.alarms.drawer')}</h2>
        <label className="check alarm-drawer__mute">
          <input type="checkbox" checked={muted} onChange={(e) => sound.setMuted(e.target.checked)} />
          {t('book.alarms.mute')}
        </label>
        <button type="button" className="button button--quiet" onClick={() => setDrawerOpen(false)} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <AlarmQueue compact />
    </aside>
  );
}
