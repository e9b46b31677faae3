// First run: an empty register offers the demo site, so a new user sees a working wall at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';

export function StartDemoButton() {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!can('register.manage')) return null;
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('demo.start', {});
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="demo-start">
      <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy}>
        {busy ? t('demo.starting') : t('demo.start')}
      </button>
      <p className="muted">{busy ? t('demo.startingHint') : t('demo.hint')}</p>
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
