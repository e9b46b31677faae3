// A verification report as the clerk reads it: one verdict in words and colour, the key against
// this installation's, and every file that is not as signed, by name.
import { useTranslation } from 'react-i18next';
import type { VerifyReportInfo } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';

export function VerifyResult({ report }: { report: VerifyReportInfo }) {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const created = report.summary ? Date.parse(report.summary.createdAt) : NaN;
  const bad = report.files.filter((f) => f.status !== 'ok');
  const tone = report.status === 'verified' ? 'ok' : report.status === 'partial' ? 'warn' : 'bad';
  return (
    <section className={`verify verify--${tone}`} aria-label={t('rec.verify.result')} data-status={report.status}>
      <p className="verify__verdict" role="status">
        {t(`rec.verify.status.${report.status}`)}
      </p>
      {report.summary ? (
        <p className="muted">
          {t('rec.verify.summary', {
            case: report.summary.caseNumber,
            operator: report.summary.operator,
            at: Number.isNaN(created) ? report.summary.createdAt : formatDateTime(created, i18n.language as Language, settings.timeZone),
            cameras: report.summary.cameras.join(', '),
          })}
        </p>
      ) : null}
      {report.fingerprint ? (
        <p>
          {t('rec.verify.key')} <code className="mono verify__fp">{report.fingerprint.match(/.{1,4}/g)?.join(' ')}</code>{' '}
          {report.installationKey === null ? t('rec.verify.keyUnknown') : report.installationKey ? t('rec.verify.keyOurs') : t('rec.verify.keyOther')}
        </p>
      ) : null}
      {report.encrypted ? (
        <p>{report.decrypted === null ? t('rec.verify.encrypted') : report.decrypted ? t('rec.verify.decrypted') : t('rec.verify.notDecrypted')}</p>
      ) : null}
      {bad.length ? (
        <ul className="verify__files">
          {bad.map((f) => (
            <li key={f.name}>
              <code className="mono">{f.name}</code> — {t(`rec.verify.file.${f.status}`)}
            </li>
          ))}
        </ul>
      ) : report.files.length ? (
        <p className="muted">{t('rec.verify.allFiles', { n: report.files.length })}</p>
      ) : null}
      {report.problems.map((p) => (
        <p key={p} className="muted">
          {p}
        </p>
      ))}
    </section>
  );
}
