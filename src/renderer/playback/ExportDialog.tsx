// Evidence export: cameras and range (from the timeline, a bookmark or typed), reason, case number,
// destination (a folder or removable drive on the core's machine), options; a check first (footage,
// gaps, room, FAT32), then a progress bar with speed and time left and Cancel, then Verify.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportJobInfo, ExportPlanInfo, VerifyReportInfo } from '../../shared/contract';
import { utcToZoned, zonedToUtc } from '../../shared/zoned-time';
import { ApiError, errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatBytes, formatDateTime, type Language } from '../i18n';
import { VerifyResult } from './VerifyResult';

const DEST_KEY = 'wf.exportDestination';

export function ExportDialog({
  cameraIds,
  names,
  range,
  cursor,
  onClose,
}: {
  cameraIds: string[];
  names: Map<string, string>;
  range: { from: number; to: number };
  cursor: number;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const lang = i18n.language as Language;
  const ref = useRef<HTMLDialogElement>(null);
  const [cams, setCams] = useState(cameraIds);
  const [from, setFrom] = useState(utcToZoned(range.from, settings.timeZone));
  const [to, setTo] = useState(utcToZoned(range.to, settings.timeZone));
  const [reason, setReason] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [incidentId, setIncidentId] = useState('');
  const [destination, setDestination] = useState(() => localStorage.getItem(DEST_KEY) ?? '');
  const [language, setLanguage] = useState<'vi' | 'en'>(lang);
  const [burnIn, setBurnIn] = useState(false);
  const [still, setStill] = useState(false);
  const [encrypt, setEncrypt] = useState(false);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [plan, setPlan] = useState<ExportPlanInfo | null>(null);
  const [job, setJob] = useState<ExportJobInfo | null>(null);
  const [verify, setVerify] = useState<VerifyReportInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idRef = useRef(crypto.randomUUID());

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => api.on('export.progress', (e) => e.job.id === idRef.current && setJob(e.job)), [api]);

  const request = () => {
    const f = zonedToUtc(from, settings.timeZone);
    const tt = zonedToUtc(to, settings.timeZone);
    if (f === null || tt === null) throw new Error(t('rec.jump.invalid'));
    if (encrypt && password !== confirm) throw new Error(t('rec.export.passwordMismatch'));
    return {
      id: idRef.current,
      cameraIds: cams,
      from: f,
      to: tt,
      reason,
      caseNumber,
      incidentId: incidentId.trim() || null,
      destination,
      language,
      burnIn,
      stills: still ? [Math.round(cursor)] : [],
      password: encrypt ? password : null,
      splitLargeFiles: true,
    };
  };
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof ApiError ? errorText(t, err) : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const check = () => act(async () => setPlan(await api.call('export.plan', request())));
  const start = () =>
    act(async () => {
      localStorage.setItem(DEST_KEY, destination);
      setJob(await api.call('export.start', request()));
    });
  const running = job?.state === 'running';
  const pct = job ? Math.round((job.bytesDone / Math.max(1, job.bytesTotal)) * 100) : 0;

  return (
    <dialog
      ref={ref}
      className="dialog pb-export"
      aria-label={t('rec.export.title')}
      onClose={onClose}
      onCancel={(e) => running && e.preventDefault()}
    >
      <h2>{t('rec.export.title')}</h2>
      {!job ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <fieldset className="fieldset">
            <legend>{t('rec.export.cameras')}</legend>
            {cameraIds.map((id) => (
              <label key={id} className="check">
                <input
                  type="checkbox"
                  checked={cams.includes(id)}
                  onChange={() => setCams((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))}
                />
                {names.get(id) ?? id}
              </label>
            ))}
          </fieldset>
          <div className="form-grid">
            <label className="field">
              <span>{t('rec.export.from', { zone: settings.timeZone })}</span>
              <input className="input" type="datetime-local" step={1} required value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('rec.export.to')}</span>
              <input className="input" type="datetime-local" step={1} required value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('rec.export.caseNumber')}</span>
              <input className="input" required maxLength={100} value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('rec.export.incident')}</span>
              <input className="input" maxLength={64} value={incidentId} onChange={(e) => setIncidentId(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('rec.export.reason')}</span>
              <textarea className="input" required maxLength={1000} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('rec.export.destination')}</span>
              <input className="input" required value={destination} onChange={(e) => setDestination(e.target.value)} placeholder="/media/usb" />
            </label>
            <label className="field">
              <span>{t('rec.export.language')}</span>
              <select className="input" value={language} onChange={(e) => setLanguage(e.target.value as 'vi' | 'en')}>
                <option value="vi">Tiếng Việt</option>
                <option value="en">English</option>
              </select>
            </label>
          </div>
          <label className="check">
            <input type="checkbox" checked={burnIn} onChange={(e) => setBurnIn(e.target.checked)} />
            {t('rec.export.burnIn')}
          </label>
          <label className="check">
            <input type="checkbox" checked={still} onChange={(e) => setStill(e.target.checked)} />
            {t('rec.export.still', { time: formatDateTime(cursor, lang, settings.timeZone) })}
          </label>
          <label className="check">
            <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
            {t('rec.export.encrypt')}
          </label>
          {encrypt ? (
            <div className="form-grid">
              <label className="field">
                <span>{t('rec.export.password')}</span>
                <input
                  className="input"
                  type="password"
                  minLength={8}
                  required
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </label>
              <label className="field">
                <span>{t('rec.export.confirm')}</span>
                <input
                  className="input"
                  type="password"
                  minLength={8}
                  required
                  autoComplete="new-password"
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                />
              </label>
            </div>
          ) : null}
          {plan ? <PlanSummary plan={plan} names={names} /> : null}
          {error ? (
            <p className="message--error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose}>
              {t('common.close')}
            </button>
            <button type="button" className="button" disabled={busy || cams.length === 0} onClick={() => void check()}>
              {t('rec.export.check')}
            </button>
            <button type="submit" className="button button--primary" disabled={busy || cams.length === 0}>
              {t('rec.export.start')}
            </button>
          </div>
        </form>
      ) : (
        <div className="pb-export__run">
          <p>
            <b>{job.caseNumber}</b> — {t(`rec.export.state.${job.state}`)}
            {running ? ` · ${t(`rec.export.phase.${job.phase}`)}` : ''}
          </p>
          <progress max={100} value={pct} aria-label={t('rec.export.progress')} aria-valuetext={`${pct} %`} />
          <p className="muted" role="status">
            {running && job.bytesDone === 0
              ? t('rec.export.starting')
              : running
                ? t('rec.export.rate', {
                    pct,
                    speed: formatBytes(job.bytesPerSecond, lang),
                    left: job.secondsLeft === null ? '…' : t('rec.export.seconds', { n: job.secondsLeft }),
                  })
                : job.state === 'done'
                  ? t('rec.export.done', { dir: job.packageDir })
                  : job.error
                    ? t('rec.export.failed', {
                        error: job.error.startsWith('destination_')
                          ? t(`errors.${job.error}`, { destination: job.destination, freeBytes: '?', neededBytes: '?' })
                          : job.error,
                      })
                    : t('rec.export.cancelled')}
          </p>
          {verify ? <VerifyResult report={verify} /> : null}
          {error ? <p role="alert">{error}</p> : null}
          <div className="dialog__actions">
            {running ? (
              <button type="button" className="button" onClick={() => void act(async () => setJob(await api.call('export.cancel', { id: job.id })))}>
                {t('rec.export.cancel')}
              </button>
            ) : (
              <>
                {job.state === 'done' && job.packageDir ? (
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={busy}
                    onClick={() =>
                      void act(async () =>
                        setVerify(await api.call('evidence.verify', { folder: job.packageDir!, password: encrypt ? password : null })),
                      )
                    }
                  >
                    {t('rec.verify.run')}
                  </button>
                ) : null}
                <button type="button" className="button" onClick={onClose}>
                  {t('common.close')}
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}

function PlanSummary({ plan, names }: { plan: ExportPlanInfo; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { settings } = useApp();
  return (
    <div className={`pb-plan ${plan.refusal ? 'pb-plan--refused' : ''}`} role="status">
      {plan.refusal ? (
        <p className="message--error">
          {t(`errors.${plan.refusal}`, {
            destination: plan.destination.path,
            freeBytes: plan.destination.freeBytes ?? 0,
            neededBytes: plan.bytesNeeded,
          })}
        </p>
      ) : (
        <p>
          {t('rec.export.ready', {
            size: formatBytes(plan.bytesNeeded, lang),
            free: plan.destination.freeBytes === null ? '?' : formatBytes(plan.destination.freeBytes, lang),
            fs: plan.destination.fsType ?? '?',
          })}
        </p>
      )}
      {plan.willSplit ? <p>{t('rec.export.willSplit')}</p> : null}
      <ul>
        {plan.cameras.map((c) => (
          <li key={c.cameraId}>
            {names.get(c.cameraId) ?? c.cameraId}:{' '}
            {t('rec.export.coverage', { segments: c.segments, size: formatBytes(c.bytes, lang), gaps: c.gaps.length })}
            {c.gaps.slice(0, 3).map((g, i) => (
              <div key={i} className="muted">
                {t('rec.export.gap', { from: formatDateTime(g.from, lang, settings.timeZone), to: formatDateTime(g.to, lang, settings.timeZone) })}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
