// One incident: its fields (editable by those who may), status moves, attachments and timeline,
// kept live by incident.changed events. An edit in progress is never replaced by another
// console's save: the officer is told, and their save then shows what the other one changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STATUS_MOVES,
  type FieldValue,
  type IncidentCategory,
  type IncidentDetail as Detail,
  type IncidentStatus,
  type RegisterTree,
  type SaveOutcome,
} from '../../shared/contract';
import { errorText, fieldError } from '../api/client';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { Attachments } from './Attachments';
import { ConflictDialog } from './ConflictDialog';
import { draftOf, draftProblems, fieldsOf, IncidentForm, type Draft } from './IncidentForm';
import type { Assignee } from './refs';
import { Timeline } from './Timeline';

type Conflict = Extract<SaveOutcome, { outcome: 'conflict' }>;

const same = (a: FieldValue, b: FieldValue) => JSON.stringify(a) === JSON.stringify(b);

export function IncidentDetail({
  id,
  tree,
  categories,
  assignees,
  onClose,
}: {
  id: string;
  tree: RegisterTree | null;
  categories: IncidentCategory[];
  assignees: Assignee[];
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api, settings, can } = useApp();
  const tz = settings.timeZone;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  /** The version the current edit started from (the save names it). */
  const [base, setBase] = useState<{ version: number; draft: Draft } | null>(null);
  const [elsewhere, setElsewhere] = useState<{ name: string; at: number } | null>(null);
  const [conflict, setConflict] = useState<{ c: Conflict; mine: Record<string, FieldValue> } | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [note, setNote] = useState('');
  /** An edit in progress (the ref for event handlers, the state for what is shown). */
  const dirty = useRef(false);
  const [isDirty, setIsDirty] = useState(false);
  const markDirty = (v: boolean) => {
    dirty.current = v;
    setIsDirty(v);
  };
  const canWrite = can('incidents.manage');

  const load = useCallback(
    (resetDraft: boolean): Promise<void> =>
      api.call('incidents.get', { id }).then(
        (d) => {
          setDetail(d);
          if (resetDraft || !dirty.current) {
            const fresh = draftOf(d.incident, tz);
            setDraft(fresh);
            setBase({ version: d.incident.version, draft: fresh });
            dirty.current = false;
            setIsDirty(false);
            setElsewhere(null);
          }
        },
        (err: unknown) => setMessage({ ok: false, text: errorText(t, err) }),
      ),
    [api, id, tz, t],
  );

  useEffect(() => {
    dirty.current = false;
    void load(true);
  }, [load]);
  useEffect(
    () =>
      api.on('incident.changed', (e) => {
        if (e.incidentId !== id) return;
        // Someone saved while this console edits: say so, keep the edit.
        if (dirty.current && (e.change === 'updated' || e.change === 'status')) setElsewhere({ name: e.byName ?? '—', at: e.at });
        void load(false);
      }),
    [api, id, load],
  );

  if (!detail || !draft || !base) return <div className="incident-detail muted">{message?.text ?? t('common.loading')}</div>;
  const i = detail.incident;

  /** The fields this edit changed, against the version it started from. */
  const changed = (): Record<string, FieldValue> => {
    const was = fieldsOf(base.draft, tz) as Record<string, FieldValue>;
    const now = fieldsOf(draft, tz) as Record<string, FieldValue>;
    return Object.fromEntries(Object.entries(now).filter(([k, v]) => !same(v, was[k]!)));
  };

  const save = async (version: number) => {
    const problems = draftProblems(draft, t);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const patch = changed();
    if (Object.keys(patch).length === 0) return;
    try {
      const r = await api.call('incidents.update', { id, version, patch });
      if (r.outcome === 'conflict') {
        setConflict({ c: r, mine: patch });
        return;
      }
      markDirty(false);
      setConflict(null);
      setMessage({ ok: true, text: t('book.incidents.saved') });
      await load(true);
    } catch (err) {
      const f = fieldError(t, err);
      if (f) setErrors({ [f.field]: f.text });
      else setMessage({ ok: false, text: errorText(t, err) });
    }
  };

  const move = async (status: IncidentStatus) => {
    try {
      const r = await api.call('incidents.setStatus', { id, version: i.version, status, note });
      if (r.outcome === 'conflict') {
        setConflict({ c: r, mine: { status } });
        return;
      }
      setNote('');
      await load(!dirty.current);
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    }
  };

  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, tz);
  const cameras = i.cameraIds.map((cid) => ({ id: cid, name: tree?.cameras.find((c) => c.id === cid)?.name ?? cid }));
  return (
    <article className="incident-detail" aria-labelledby="incident-title">
      <header className="incident-detail__head">
        <h2 id="incident-title">
          {t('book.incidents.number', { number: i.number })} <span className={`status status--${i.status}`}>{t(`book.status.${i.status}`)}</span>{' '}
          <span className={`severity severity--${i.severity}`}>{t(`book.severity.${i.severity}`)}</span>
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose} aria-label={t('book.incidents.close')}>
          ×
        </button>
      </header>
      <p className="muted">
        {t('book.incidents.createdBy', { name: i.createdByName ?? '—', time: time(i.loggedAt) })}
        {i.areaName ? ` · ${i.areaName}` : ''}
      </p>
      {elsewhere ? (
        <p className="message message--warn" role="status">
          {t('book.incidents.changedElsewhere', { name: elsewhere.name, time: time(elsewhere.at) })}
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(base.version);
        }}
      >
        <IncidentForm
          idPrefix={`inc-${i.id}`}
          draft={draft}
          onChange={(d) => {
            markDirty(true);
            setDraft(d);
            setMessage(null);
          }}
          tree={tree}
          categories={categories}
          assignees={assignees}
          errors={errors}
          readOnly={!canWrite}
        />
        {canWrite ? (
          <div className="incident-detail__actions">
            {isDirty ? <span className="muted">{t('book.incidents.unsaved')}</span> : null}
            <button type="submit" className="button button--primary">
              {t('book.incidents.save')}
            </button>
          </div>
        ) : null}
      </form>
      {message ? (
        <p className={`message message--${message.ok ? 'ok' : 'error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {canWrite ? (
        <div className="incident-detail__status" role="group" aria-label={t('book.incidents.statusLabel')}>
          <input
            className="input"
            aria-label={t('book.incidents.statusNote')}
            placeholder={t('book.incidents.statusNote')}
            value={note}
            maxLength={4000}
            onChange={(e) => setNote(e.target.value)}
          />
          {STATUS_MOVES[i.status].map((s) => (
            <button key={s} type="button" className="button" onClick={() => void move(s)}>
              {(i.status === 'closed' || i.status === 'resolved') && s === 'in_progress'
                ? t('book.incidents.statusMove.reopen')
                : t(`book.incidents.statusMove.${s as 'in_progress' | 'resolved' | 'closed'}`)}
            </button>
          ))}
        </div>
      ) : null}
      <Attachments incidentId={i.id} attachments={detail.attachments} cameras={cameras} canWrite={canWrite} />
      <Timeline incidentId={i.id} entries={detail.timeline} attachments={detail.attachments} canWrite={canWrite} />
      {conflict ? (
        <ConflictDialog
          conflict={conflict.c}
          mine={conflict.mine}
          tree={tree}
          categories={categories}
          assignees={assignees}
          onDiscard={() => {
            setConflict(null);
            void load(true);
          }}
          onKeepMine={() => {
            const next = conflict.c.incident.version;
            setConflict(null);
            if ('status' in conflict.mine && Object.keys(conflict.mine).length === 1) void load(true);
            else {
              // Mine on top of the current version: the fields I changed, theirs for the rest.
              const current = draftOf(conflict.c.incident, tz);
              setBase({ version: next, draft: current });
              void (async () => {
                const r = await api.call('incidents.update', { id, version: next, patch: conflict.mine });
                if (r.outcome === 'conflict') setConflict({ c: r, mine: conflict.mine });
                else {
                  markDirty(false);
                  setMessage({ ok: true, text: t('book.incidents.saved') });
                  await load(true);
                }
              })().catch((err: unknown) => setMessage({ ok: false, text: errorText(t, err) }));
            }
          }}
        />
      ) : null}
    </article>
  );
}
