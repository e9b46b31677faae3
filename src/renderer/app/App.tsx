// The root: keeps the connection to the core and decides which screen to show — the first
// administrator's setup, sign-in, or the console itself (with the lock over it when locked).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, Preferences, SessionInfo, Settings } from '../../shared/contract';
import { errorText, type ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';
import { SetupScreen } from '../auth/SetupScreen';
import { SignInScreen } from '../auth/SignInScreen';
import { applyLanguage, usableSettings } from '../i18n';
import { Console } from './Console';

type Status = MethodOutput<'session.status'>;
export interface SignedInBoot {
  session: SessionInfo;
  settings: Settings;
  system: MethodOutput<'system.info'>;
  preferences: Preferences;
}

export function App({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | null>(null);
  const [boot, setBoot] = useState<SignedInBoot | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [connectionSince, setConnectionSince] = useState(0);
  const [ended, setEnded] = useState(false);

  const load = useCallback(async () => {
    try {
      const st = await api.call('session.status', {});
      if (!st.signedIn) {
        await applyLanguage('system');
        setBoot(null);
        setStatus(st);
        setBootError(null);
        return;
      }
      const [session, settings, system, preferences] = await Promise.all([
        api.call('session.me', {}),
        api.call('settings.get', {}),
        api.call('system.info', {}),
        api.call('preferences.get', {}),
      ]);
      await applyLanguage(settings.language);
      setBoot({ session, settings: usableSettings(settings), system, preferences });
      setStatus(st);
      setBootError(null);
      setEnded(false);
    } catch (err) {
      setBootError(errorText(t, err));
    }
  }, [api, t]);

  useEffect(
    () =>
      api.onConnection((s) => {
        setConnection(s);
        setConnectionSince(Date.now());
        // Load on first connect and again after a reconnect (the core may have restarted, or the
        // session changed: sign-in and sign-out reconnect the socket).
        if (s === 'connected') void load();
      }),
    [api, load],
  );
  useEffect(() => api.onSessionEnded(() => setEnded(true)), [api]);

  if (boot && status?.signedIn) return <Console api={api} boot={boot} setBoot={setBoot} connection={connection} connectionSince={connectionSince} reload={load} />;
  if (status && !status.signedIn) {
    return status.setupNeeded ? (
      <SetupScreen api={api} allowedHere={status.setupAllowedHere} version={status.version} />
    ) : (
      <SignInScreen api={api} demoAccounts={status.demoAccounts} version={status.version} notice={ended ? t('auth.sessionEnded') : null} />
    );
  }
  return (
    <div className="boot" role="status" aria-live="polite">
      <div className="boot__brand">{t('app.name')}</div>
      <p>{bootError ?? t(`status.connection.${connection}`)}</p>
    </div>
  );
}
