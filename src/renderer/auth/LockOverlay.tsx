// The console is locked: video goes on behind a dimmed veil, and nothing can be changed until the
// signed-in user types their password (or signs out so that someone else can sign in).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../app/FormError';
import { useApp } from '../app/app-context';
import type { Language } from '../i18n';
import { authErrorText } from './auth-error';

export function LockOverlay({ onUnlocked }: { onUnlocked: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, session, settings, signOut } = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError(t('auth.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.call('session.unlock', { password });
      onUnlocked();
    } catch (err) {
      setError(authErrorText(t, err, i18n.language as Language, settings.timeZone));
      setPassword('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lock" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form className="lock__card" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="lock-title">{t('auth.lockedTitle')}</h2>
        <p className="muted">{t('auth.lockedBody', { name: session.user.displayName })}</p>
        <label className="auth__field">
          <span>{t('auth.password')}</span>
          <input
            ref={input}
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <FormError text={error} />
        <div className="lock__actions">
          <button type="button" className="button" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('auth.unlock')}
          </button>
        </div>
      </form>
    </div>
  );
}
