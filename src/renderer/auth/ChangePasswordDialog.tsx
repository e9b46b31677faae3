import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../app/FormError';
import { MIN_PASSWORD_LENGTH } from '../../shared/contract';
import { Dialog } from '../app/Dialog';
import { useApp } from '../app/app-context';
import type { Language } from '../i18n';
import { authErrorText } from './auth-error';

/** One's own password. Other consoles signed in as this account must sign in again afterwards. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const [form, setForm] = useState({ current: '', next: '', confirm: '' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async () => {
    if (done) return onClose();
    const problem = !form.current
      ? t('auth.passwordRequired')
      : form.next.length < MIN_PASSWORD_LENGTH
        ? t('auth.passwordShort', { min: MIN_PASSWORD_LENGTH })
        : form.next !== form.confirm
          ? t('auth.passwordMismatch')
          : null;
    if (problem) return setError(problem);
    try {
      await api.call('session.changePassword', { current: form.current, next: form.next });
      setDone(true);
      setError(null);
    } catch (err) {
      setError(authErrorText(t, err, i18n.language as Language));
    }
  };

  return (
    <Dialog
      title={t('auth.changePassword')}
      onSubmit={() => void submit()}
      onClose={onClose}
      submitLabel={done ? t('common.close') : t('auth.changePassword')}
      cancelLabel={t('pages.wall.cancel')}
    >
      {done ? (
        <p className="message message--ok" role="status">
          {t('auth.passwordChanged')}
        </p>
      ) : (
        <>
          <label className="field">
            <span>{t('auth.currentPassword')}</span>
            <input className="input" type="password" autoComplete="current-password" value={form.current} onChange={set('current')} />
          </label>
          <label className="field">
            <span>{t('auth.newPassword')}</span>
            <input className="input" type="password" autoComplete="new-password" value={form.next} onChange={set('next')} />
          </label>
          <label className="field">
            <span>{t('auth.confirmPassword')}</span>
            <input className="input" type="password" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} />
          </label>
          <p className="muted">{t('auth.passwordRule', { min: MIN_PASSWORD_LENGTH })}</p>
          <FormError text={error} />
        </>
      )}
    </Dialog>
  );
}
