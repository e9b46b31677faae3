// Sign-in: user name and password, the language switch, and on a demo site its accounts (one per
// role) so a visitor can try each view. Our own messages, never the browser's validation bubbles.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../app/FormError';
import type { ApiClient } from '../api/client';
import type { Language } from '../i18n';
import { authErrorText } from './auth-error';
import { AuthCard } from './AuthCard';

export function SignInScreen({
  api,
  demoAccounts,
  version,
  notice,
}: {
  api: ApiClient;
  demoAccounts: { username: string; role: string; password: string }[];
  version: string;
  notice: string | null;
}) {
  const { t, i18n } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t(!username.trim() ? 'auth.usernameRequired' : 'auth.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.call('session.signIn', { username, password });
      // The app reloads on the reconnect that follows; nothing more to do here.
    } catch (err) {
      setError(authErrorText(t, err, i18n.language as Language));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.signInTitle')} tagline version={version} onSubmit={(e) => void submit(e)}>
      {notice ? (
        <p className="message message--warn" role="status">
          {notice}
        </p>
      ) : null}
      <label className="auth__field">
        <span>{t('auth.username')}</span>
        <input
          className="input"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="auth__field">
        <span>{t('auth.password')}</span>
        <input
          ref={passwordRef}
          className="input"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <FormError text={error} />
      <button type="submit" className="button button--primary auth__submit" disabled={busy}>
        {busy ? t('auth.signingIn') : t('auth.signIn')}
      </button>
      {demoAccounts.length > 0 ? (
        <section className="auth__demo" aria-labelledby="demo-accounts">
          <h2 id="demo-accounts">{t('auth.demoAccounts')}</h2>
          <p className="muted">{t('auth.demoHint', { password: demoAccounts[0]!.password })}</p>
          <ul>
            {demoAccounts.map((a) => (
              <li key={a.username}>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    setUsername(a.username);
                    setPassword(a.password);
                    setError(null);
                  }}
                >
                  <span className="mono">{a.username}</span> <span className="muted">— {t(`roles.${a.role}`, { defaultValue: a.role })}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AuthCard>
  );
}
