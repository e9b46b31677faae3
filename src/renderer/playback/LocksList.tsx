// Evidence locks in force: which camera and time range, held by which export or incident. Lifting
// one needs its own permission (evidence.unlock) and a reason; the core audits it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceLockInfo } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { useRegister } from '../register/use-register';

export function LocksList({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const { api, can, settings } = useApp();
  const lang = i18n.language as Language;
  const tree = useRegister();
  const [locks, setLocks] = useState<EvidenceLockInfo[]>([]);
  const [lifting, setLifting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useEffect(() => {
    let alive = true;
    void api.call('evidence.locks', {}).then(
      (l) => alive && setLocks(l),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [api, version, reload]);
  const name = (id: string) => tree?.cameras.find((c) => c.id === id)?.name ?? id;
  return (
    <section aria-labelledby="locks-title" className="locks-section">
      <h2 id="locks-title">{t('rec.locks.title')}</h2>
      {locks.length === 0 ? <p className="muted">{t('rec.locks.none')}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      <ul className="locks">
        {locks.map((l) => (
          <li key={l.id} className="locks__item">
            <b>{name(l.cameraId)}</b> {formatDateTime(l.from, lang, settings.timeZone)} → {formatDateTime(l.to, lang, settings.timeZone)}
            <div className="muted">
              {t(`rec.locks.holder.${l.holderKind === 'export' ? 'export' : 'other'}`, { kind: l.holderKind, reason: l.reason })}
            </div>
            {can('evidence.unlock') ? (
              lifting === l.id ? (
                <form
                  className="locks__form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void api.call('evidence.unlock', { id: l.id, reason }).then(
                      () => {
                        setLifting(null);
                        setReason('');
                        refresh();
                      },
                      (err: unknown) => setError(errorText(t, err)),
                    );
                  }}
                >
                  <input
                    className="input"
                    required
                    maxLength={500}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    aria-label={t('rec.locks.reason')}
                    placeholder={t('rec.locks.reason')}
                    autoFocus
                  />
                  <button type="submit" className="button">
                    {t('rec.locks.lift')}
                  </button>
                  <button type="button" className="button button--quiet" onClick={() => setLifting(null)}>
                    {t('common.close')}
                  </button>
                </form>
              ) : (
                <button type="button" className="button button--quiet" onClick={() => setLifting(l.id)}>
                  {t('rec.locks.lift')}…
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
