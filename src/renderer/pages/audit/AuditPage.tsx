// The audit trail for auditors and administrators: who did what, when, from where — filtered,
// paged newest first; a chain check that names the first broken entry; a signed checkpoint to keep;
// the whole trail as CSV.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryInfo, MethodOutput } from '../../../shared/contract';
import { errorText } from '../../api/client';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import { formatDateTime, type Language } from '../../i18n';

type Report = MethodOutput<'audit.verify'>;
const PAGE = 100;

function saveText(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const lang = i18n.language as Language;
  const [filter, setFilter] = useState({ action: '', username: '', outcome: '' as '' | 'ok' | 'denied' | 'failed' });
  const [entries, setEntries] = useState<AuditEntryInfo[]>([]);
  const [total, setTotal] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'verify' | 'checkpoint' | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const query = useCallback(
    (beforeSeq?: number) =>
      api.call('audit.list', {
        limit: PAGE,
        ...(beforeSeq ? { beforeSeq } : {}),
        ...(filter.action.trim() ? { action: filter.action.trim() } : {}),
        ...(filter.username.trim() ? { username: filter.username.trim().toLowerCase() } : {}),
        ...(filter.outcome ? { outcome: filter.outcome } : {}),
      }),
    [api, filter],
  );

  useEffect(() => {
    let live = true;
    query().then(
      (r) => {
        if (!live) return;
        setEntries(r.entries);
        setTotal(r.total);
      },
      (err: unknown) => live && setMessage({ kind: 'error', text: errorText(t, err) }),
    );
    return () => {
      live = false;
    };
  }, [query, t]);

  const more = async () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    const r = await query(last.seq);
    setEntries((e) => [...e, ...r.entries]);
  };

  const verify = async () => {
    setBusy('verify');
    setMessage(null);
    try {
      setReport(await api.call('audit.verify', {}));
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(t, err) });
    } finally {
      setBusy(null);
    }
  };

  const checkpoint = async () => {
    setBusy('checkpoint');
    try {
      const cp = await api.call('audit.checkpoint', {});
      saveText(cp.fileName, cp.content, 'application/json');
      setMessage({ kind: 'ok', text: t('audit.checkpointSaved', { count: cp.count, file: cp.fileName }) });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(t, err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page
      title={t('audit.title')}
      tools={
        <>
          <button type="button" className="button" onClick={() => void verify()} disabled={busy !== null}>
            {busy === 'verify' ? t('audit.verifying') : t('audit.verify')}
          </button>
          <button type="button" className="button" onClick={() => void checkpoint()} disabled={busy !== null}>
            {t('audit.checkpoint')}
          </button>
          <a className="button" href={api.downloadUrl('/download/audit.csv')} download>
            {t('audit.exportCsv')}
          </a>
        </>
      }
    >
      {report ? (
        <p role="status" className={`message message--${report.intact ? 'ok' : 'error'}`}>
          {report.intact
            ? t('audit.intact', { count: report.entries })
            : t('audit.broken', { seq: report.firstBroken?.seq ?? 0, problem: t(`audit.problems.${report.firstBroken?.problem ?? 'unknown'}`, { defaultValue: report.firstBroken?.problem ?? '' }) })}
          {report.checkpoint ? ` ${t('audit.checkedAgainst', { count: report.checkpoint.count, time: formatDateTime(report.checkpoint.at, lang, settings.timeZone) })}` : ''}
        </p>
      ) : null}
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message message--${message.kind}`}>
          {message.text}
        </p>
      ) : null}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field">
          {t('audit.action')}
          <input className="input input--compact" value={filter.action} onChange={(e) => setFilter((f) => ({ ...f, action: e.target.value }))} placeholder="session.signIn" />
        </label>
        <label className="inline-field">
          {t('auth.username')}
          <input className="input input--compact" value={filter.username} onChange={(e) => setFilter((f) => ({ ...f, username: e.target.value }))} />
        </label>
        <label className="inline-field">
          {t('audit.outcome')}
          <select className="input input--compact" value={filter.outcome} onChange={(e) => setFilter((f) => ({ ...f, outcome: e.target.value as typeof f.outcome }))}>
            <option value="">{t('audit.any')}</option>
            <option value="ok">{t('audit.outcomes.ok')}</option>
            <option value="denied">{t('audit.outcomes.denied')}</option>
            <option value="failed">{t('audit.outcomes.failed')}</option>
          </select>
        </label>
        <span className="muted">{t('audit.shown', { shown: entries.length, count: total })}</span>
      </form>
      <div className="table-scroll">
        <table className="table audit-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('auth.username')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.outcome')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.details')}</th>
              <th scope="col">{t('audit.source')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td className="mono">{e.seq}</td>
                <td className="nowrap">{formatDateTime(e.at, lang, settings.timeZone)}</td>
                <td className="mono">{e.actor.username ?? '—'}</td>
                <td className="mono">{e.action}</td>
                <td>
                  <span className={`badge badge--outcome-${e.outcome}`}>{t(`audit.outcomes.${e.outcome}`)}</span>
                </td>
                <td>{e.target ? `${e.target.kind} ${e.target.name ?? e.target.id}` : ''}</td>
                <td className="audit-table__details" title={JSON.stringify(e.details)}>
                  {Object.entries(e.details)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(' · ')}
                </td>
                <td className="mono">{e.source ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length < total ? (
        <button type="button" className="button" onClick={() => void more()}>
          {t('audit.more')}
        </button>
      ) : null}
    </Page>
  );
}
