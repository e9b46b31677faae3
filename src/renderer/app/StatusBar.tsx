import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../api/transport';
import { AlarmBell } from '../alarms/AlarmCenter';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { useApp } from './app-context';
import { ZoneClock } from './ZoneClock';

/** Who is signed in and as what, with their own actions: lock, password, sign out. */
function UserMenu() {
  const { t } = useTranslation();
  const { session, lock, signOut } = useApp();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  const role = session.roleBuiltin ? t(`roles.${session.user.role}`, { defaultValue: session.roleName }) : session.roleName;
  return (
    <div className="user-menu" ref={ref}>
      <button type="button" className="user-menu__button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('status.user', { name: session.user.displayName, role })}
      </button>
      {open ? (
        <ul className="user-menu__list" role="menu">
          <li role="none">
            <button type="button" role="menuitem" onClick={() => (setOpen(false), void lock())}>
              {t('auth.lock')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" onClick={() => (setOpen(false), setChanging(true))}>
              {t('auth.changePassword')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" onClick={() => (setOpen(false), void signOut())}>
              {t('auth.signOut')}
            </button>
          </li>
        </ul>
      ) : null}
      {changing ? <ChangePasswordDialog onClose={() => setChanging(false)} /> : null}
    </div>
  );
}

export function StatusBar({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  const { system, session } = useApp();
  return (
    <footer className="status-bar" role="contentinfo" aria-label={t('status.label')}>
      <span className={`status-bar__conn status-bar__conn--${connection}`} role="status" aria-live="polite">
        <span className="dot" aria-hidden="true" />
        {t(`status.connection.${connection}`)}
      </span>
      <UserMenu />
      <AlarmBell />
      {session.scopes.length > 0 ? <span className="status-bar__scope">{t('status.scope', { areas: session.scopes.map((a) => a.name).join(', ') })}</span> : null}
      <span className="status-bar__shell">{t(`status.shell.${system.shell}`)}</span>
      <span className="status-bar__spacer" />
      <ZoneClock className="status-bar__clock zone-clock" />
    </footer>
  );
}
