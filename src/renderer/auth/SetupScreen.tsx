// First start: nobody can sign in yet, so the first screen creates the administrator. Only the
// machine the core runs on may do it (a browser elsewhere on the LAN is told to ask there).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../app/FormError';
import { MIN_PASSWORD_LENGTH } from '../../shared/contract';
import type { ApiClient } from '../api/client';
import type { Language } from '../i18n';
import { authErrorText } from './auth-error';
import { AuthCard } from './AuthCard';

export function SetupScreen({ api, allowedHere, version }: { api: ApiClient; allowedHere: boolean; version: string }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({ username: 'admin', displayName: '', password: '', confirm: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = !/^[a-zA-Z0-9._@-]{2,64}$/.test(form.username.trim())
      ? t('auth.usernameRule')
      : !form.displayName.trim()
        ? t('auth.displayNameRequired')
        : form.password.length < MIN_PASSWORD_LENGTH
          ? t('auth.passwordShort', { min: MIN_PASSWORD_LENGTH })
          : form.password !== form.confirm
            ? t('auth.passwordMismatch')
            : null;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.call('session.setup', { username: form.username, displayName: form.displayName, password: form.password });
    } catch (err) {
      setError(authErrorText(t, err, i18n.language as Language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.setupTitle')} version={version} onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('auth.setupBody')}</p>
      {!allowedHere ? (
        <p className="message message--warn" role="alert">
          {t('errors.setup_not_local')}
        </p>
      ) : null}
      <label className="auth__field">
        <span>{t('auth.username')}</span>
        <input className="input" autoComplete="username" autoCapitalize="none" spellCheck={false} value={form.username} onChange={set('username')} />
      </label>
      <label className="auth__field">
        <span>{t('auth.displayName')}</span>
        <input className="input" autoComplete="name" autoFocus value={form.displayName} onChange={set('displayName')} />
      </label>
      <label className="auth__field">
        <span>{t('auth.newPassword')}</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          aria-describedby="password-rule"
        />
      </label>
      <p id="password-rule" className="muted auth__rule">
        {t('auth.passwordRule', { min: MIN_PASSWORD_LENGTH })}
      </p>
      <label className="auth__field">
        <span>{t('auth.confirmPassword')}</span>
        <input className="input" type="password" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} />
      </label>
      <FormError text={error} />
      <button type="submit" className="button button--primary auth__submit" disabled={busy || !allowedHere}>
        {t('auth.setupSubmit')}
      </button>
    </AuthCard>
  );
}
