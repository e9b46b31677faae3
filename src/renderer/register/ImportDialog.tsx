// Bulk import: choose a CSV or XLSX file, see every bad row and why, then import all of it at once
// (one transaction, written by the core's worker) with progress. Templates in vi and en.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, MethodOutput } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { uploadFile } from './upload';

type Phase = { phase: string; done: number; total: number } | null;

export function ImportDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [upload, setUpload] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [phase, setPhase] = useState<Phase>(null);
  const [result, setResult] = useState<MethodOutput<'register.importCommit'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(
    () =>
      api.on('register.import', (e) => {
        if (!preview || e.uploadId === preview.uploadId || phase) setPhase({ phase: e.phase, done: e.done, total: e.total });
      }),
    [api, preview, phase],
  );

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setPreview(null);
    setResult(null);
    setPhase(null);
    setBusy(true);
    try {
      setUpload(0);
      const id = await uploadFile(api.downloadUrl('/upload'), file, setUpload);
      setUpload(null);
      setPreview(await api.call('register.importPreview', { uploadId: id }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setUpload(null);
      setBusy(false);
      setPhase(null);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.call('register.importCommit', { uploadId: preview.uploadId }));
      setPreview(null);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const problemCount = preview ? preview.problems.length + preview.moreProblems : 0;
  return (
    <dialog
      className="dialog dialog--wide"
      aria-label={t('register.import.title')}
      ref={(d) => {
        if (d && !d.open) d.showModal();
      }}
      onClose={onClose}
    >
      <h2>{t('register.import.title')}</h2>
      <p className="muted">{t('register.import.help')}</p>
      <p className="row-actions">
        <span>{t('register.import.template')}:</span>
        {(['vi', 'en'] as const).map((l) =>
          (['xlsx', 'csv'] as const).map((f) => (
            <a key={`${l}${f}`} className="button button--quiet" href={api.downloadUrl(`/download/register-template.${f}`, { lang: l })} download>
              {f.toUpperCase()} ({l})
            </a>
          )),
        )}
      </p>
      <div className="field field--stack">
        <label htmlFor="import-file">{t('register.import.file')}</label>
        <input
          id="import-file"
          type="file"
          className="input"
          accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {upload !== null ? <p role="status">{t('register.import.uploading', { percent: Math.round(upload * 100) })}</p> : null}
      {phase && busy ? (
        <p role="status">
          {t(`register.import.phases.${phase.phase}`, { done: phase.done, total: phase.total })}
          <progress max={phase.total || 1} value={phase.done} aria-hidden="true" />
        </p>
      ) : null}
      {preview ? (
        <div className="import-preview">
          <p role="status">
            {t('register.import.preview', {
              rows: preview.rows,
              format: preview.format.toUpperCase(),
              encoding: preview.format === 'csv' ? preview.encoding : 'Office Open XML',
              newCameras: preview.newCameras,
              changed: preview.changedCameras,
              unchanged: preview.unchangedCameras,
              newPoints: preview.newPoints,
            })}
          </p>
          {problemCount ? (
            <>
              <h3 className="message message--error">{t('register.import.problemsTitle', { count: problemCount })}</h3>
              <div className="table-scroll import-problems">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('register.import.row')}</th>
                      <th scope="col">{t('register.import.column')}</th>
                      <th scope="col">{t('register.import.value')}</th>
                      <th scope="col">{t('register.import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.map((p, i) => (
                      <tr key={i}>
                        <td>{p.row}</td>
                        <td>{t(`register.camera.${p.column}`, { defaultValue: t(`register.point.${p.column}`, { defaultValue: p.column }) })}</td>
                        <td className="mono">{p.value}</td>
                        <td>{t(`register.import.problems.${p.problem}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {preview.moreProblems ? <p>{t('register.import.more', { count: preview.moreProblems })}</p> : null}
            </>
          ) : null}
        </div>
      ) : null}
      {result ? (
        <p role="status" className="message message--ok">
          {t('register.import.done', { created: result.createdCameras, updated: result.updatedCameras, points: result.createdPoints })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('register.actions.close')}
        </button>
        {preview && !problemCount ? (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void commit()}>
            {t('register.import.import', { count: preview.rows })}
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
