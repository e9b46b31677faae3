// "New incident from this camera" (and "Escalate to incident" from an alarm), over the wall: a
// full-resolution snapshot is taken at once (the core picks the main stream or the camera's own
// still, never the tile's sub stream), camera, point, area and time are filled in, and the officer
// types and saves without leaving the wall. Cancel drops the staged snapshot.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm, Incident, Staged } from '../../shared/contract';
import { errorText, fieldError } from '../api/client';
import { newId } from '../api/new-id';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { formatTime, type Language } from '../i18n';
import { useRegister } from '../register/use-register';
import { draftProblems, emptyDraft, fieldsOf, IncidentForm, type Draft } from './IncidentForm';
import { useIncidentRefs } from './refs';

export type QuickSource = { kind: 'camera'; cameraId: string } | { kind: 'alarm'; alarm: Alarm };

const CAMERA_FAULTS = new Set(['tampering', 'video_loss', 'camera_offline', 'recording_failed', 'events_gap']);

export function QuickIncidentDialog({ source, onClose, onLogged }: { source: QuickSource; onClose(): void; onLogged(i: Incident): void }) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const tree = useRegister();
  const { categories, assignees } = useIncidentRefs();
  const cameraId = source.kind === 'camera' ? source.cameraId : source.alarm.cameraId;
  const camera = tree?.cameras.find((c) => c.id === cameraId);
  const [draft, setDraft] = useState<Draft>(() => {
    if (source.kind === 'camera') return emptyDraft(settings.timeZone);
    const a = source.alarm;
    return {
      ...emptyDraft(settings.timeZone, a.firstAt),
      title: `${t(`book.kind.${a.kind}`)}${a.cameraName ? ` — ${a.cameraName}` : ''}`,
      categoryId: CAMERA_FAULTS.has(a.kind) ? 'camerafault' : 'other',
      severity: a.priority === 'critical' ? 'critical' : a.priority === 'high' ? 'high' : 'medium',
      description: a.detail ?? '',
    };
  });
  const [shot, setShot] = useState<{ state: 'taking' } | { state: 'done'; staged: Staged } | { state: 'failed'; reason: string } | null>(
    cameraId ? { state: 'taking' } : null,
  );
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const clientId = useRef(newId());
  const stagedRef = useRef<string | null>(null);
  const saved = useRef(false);

  const fetchShot = () => {
    if (!cameraId) return;
    const at = Date.now();
    api.call('incidents.snapshot', { cameraId }).then(
      (staged) => {
        stagedRef.current = staged.id;
        setShot({ state: 'done', staged });
        // The picture's moment is the incident's unless the officer says otherwise.
        if (source.kind === 'camera') setDraft((d) => ({ ...d, occurredAt: emptyDraft(settings.timeZone, staged.takenAt ?? at).occurredAt }));
      },
      (err: unknown) => setShot({ state: 'failed', reason: errorText(t, err) }),
    );
  };
  const take = () => {
    setShot({ state: 'taking' });
    fetchShot();
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fetchShot, []);
  // A snapshot taken but not attached is dropped when the dialog goes.
  useEffect(
    () => () => {
      if (!saved.current && stagedRef.current) void api.call('incidents.discardStaged', { id: stagedRef.current }).catch(() => undefined);
    },
    [api],
  );

  const save = async () => {
    const problems = draftProblems(draft, t);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setSaving(true);
    setError(null);
    const fields = fieldsOf(draft, settings.timeZone);
    const input = {
      ...fields,
      id: clientId.current,
      cameraIds: cameraId ? [cameraId] : [],
      pointId: camera?.pointId ?? null,
      attachments: shot?.state === 'done' ? [shot.staged.id] : [],
    };
    try {
      const made =
        source.kind === 'alarm'
          ? await api.call('alarms.escalate', { alarmId: source.alarm.id, incident: input })
          : await api.call('incidents.create', input);
      saved.current = true;
      onLogged(made);
    } catch (err) {
      const f = fieldError(t, err);
      if (f) setErrors({ [f.field]: f.text });
      else setError(errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  const title =
    source.kind === 'camera'
      ? t('book.incidents.fromCameraTitle', { camera: camera?.name ?? '' })
      : t('book.incidents.fromAlarmTitle', {
          kind: t(`book.kind.${source.alarm.kind}`),
          camera: source.alarm.cameraName ?? t('book.alarms.noCamera'),
        });
  return (
    <Dialog
      title={title}
      onSubmit={() => void save()}
      onClose={onClose}
      submitLabel={saving ? t('book.incidents.saving') : t('book.incidents.save')}
      cancelLabel={t('book.incidents.cancel')}
      noValidate
    >
      <div className="quick-incident">
        {shot ? (
          <figure className="quick-incident__shot" aria-busy={shot.state === 'taking'}>
            {shot.state === 'done' ? (
              <>
                <img src={api.downloadUrl(`/incidents/staged/${shot.staged.id}`)} alt={t('book.incidents.snapshot')} />
                <figcaption className="muted">
                  {t('book.incidents.snapshotFrom', {
                    width: shot.staged.width ?? '?',
                    height: shot.staged.height ?? '?',
                    source: t(`book.incidents.snapshotSource.${shot.staged.source}`),
                  })}
                  {shot.staged.takenAt ? ` · ${formatTime(shot.staged.takenAt, i18n.language as Language, settings.timeZone)}` : ''}
                </figcaption>
              </>
            ) : shot.state === 'taking' ? (
              <figcaption className="muted" role="status">
                {t('book.incidents.snapshotTaking')}
              </figcaption>
            ) : (
              <figcaption className="message message--warn" role="status">
                {t('book.incidents.snapshotFailed', { reason: shot.reason })}{' '}
                <button type="button" className="button button--quiet" onClick={take}>
                  {t('book.incidents.snapshotRetry')}
                </button>
              </figcaption>
            )}
          </figure>
        ) : null}
        <div className="quick-incident__form">
          {camera ? (
            <p className="muted quick-incident__place">
              {camera.name} · {tree?.points.find((p) => p.id === camera.pointId)?.name} ·{' '}
              {tree?.areas.find((a) => a.id === tree?.points.find((p) => p.id === camera.pointId)?.areaId)?.name}
            </p>
          ) : null}
          <IncidentForm
            idPrefix="quick"
            draft={draft}
            onChange={setDraft}
            tree={tree}
            categories={categories}
            assignees={assignees}
            errors={errors}
            compact
          />
          {error ? (
            <p className="message message--error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}
