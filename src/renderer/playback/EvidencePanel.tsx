// Exports (newest first, running ones with their progress) and the Verify screen: any package folder
// on the core's machine, with the password for encrypted media, checked as an inspector would.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportJobInfo, VerifyReportInfo } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { LocksList } from './LocksList';
import { VerifyResult } from './VerifyResult';

export function EvidencePanel() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const lang = i18n.language as Language;
  const [jobs, setJobs] = useState<ExportJobInfo[]>([]);
  const [folder, setFolder] = useState('');
  const [password, setPassword] = useState('');
  const [report, setReport] = useState<VerifyReportInfo | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const load = () => api.call('export.list', { limit: 50 }).then(setJobs, () => undefined);
    void load();
    void api.call('evidence.key', {}).then(
      (k) => setFingerprint(k.fingerprint),
      () => undefined,
    );
    return api.on('export.progress', (e) =>
      setJobs((list) => (list.some((j) => j.id === e.job.id) ? list.map((j) => (j.id === e.job.id ? e.job : j)) : [e.job, ...list])),
    );
  }, [api]);

  const verify = async (dir: string) => {
    setBusy(true);
    setError(null);
    setFolder(dir);
    try {
      setReport(await api.call('evidence.verify', { folder: dir, password: password || null }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="evidence">
      <section aria-labelledby="verify-title" className="evidence__verify">
        <h2 id="verify-title">{t('rec.verify.title')}</h2>
        <p className="muted">{t('rec.verify.hint')}</p>
        <form
          className="evidence__form"
          onSubmit={(e) => {
            e.preventDefault();
            void verify(folder);
          }}
        >
          <label className="field field--stack">
            <span>{t('rec.verify.folder')}</span>
            <input className="input" required value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/media/usb/VV-2025-0142_…" />
          </label>
          <label className="field field--stack">
            <span>{t('rec.verify.password')}</span>
            <input className="input" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('rec.verify.running') : t('rec.verify.run')}
          </button>
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {report ? <VerifyResult report={report} /> : null}
        <p className="muted">
          {t('rec.verify.ourKey')} <code className="mono verify__fp">{fingerprint.match(/.{1,4}/g)?.join(' ')}</code>
        </p>
      </section>
      <section aria-labelledby="exports-title">
        <h2 id="exports-title">{t('rec.exports.title')}</h2>
        {jobs.length === 0 ? <p className="muted">{t('rec.exports.empty')}</p> : null}
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('rec.exports.when')}</th>
                <th>{t('rec.export.caseNumber')}</th>
                <th>{t('rec.exports.state')}</th>
                <th>{t('rec.exports.package')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id} data-export-id={j.id}>
                  <td>{formatDateTime(j.createdAt, lang, settings.timeZone)}</td>
                  <th scope="row">
                    {j.caseNumber}
                    <div className="muted">{j.reason}</div>
                  </th>
                  <td>
                    {t(`rec.export.state.${j.state}`)}
                    {j.state === 'running' ? <progress max={j.bytesTotal} value={j.bytesDone} aria-label={t('rec.export.progress')} /> : null}
                    {j.encrypted ? <div className="muted">{t('rec.exports.encrypted')}</div> : null}
                  </td>
                  <td className="mono">{j.packageDir ?? j.error ?? ''}</td>
                  <td className="row-actions">
                    {j.state === 'done' && j.packageDir ? (
                      <button type="button" className="button" onClick={() => void verify(j.packageDir!)}>
                        {t('rec.verify.run')}
                      </button>
                    ) : null}
                    {j.state === 'running' ? (
                      <button type="button" className="button" onClick={() => void api.call('export.cancel', { id: j.id })}>
                        {t('rec.export.cancel')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LocksList version={jobs.length} />
      </section>
    </div>
  );
}
