// The alarm queue as rows the officer works through: most urgent first, one row per camera and kind
// with its count; acknowledge (with a note), snooze the camera, escalate to an incident, show the
// camera on the wall. Used in the drawer (compact) and on the Alarms tab.
import { memo, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { formatDateTime, formatTime, type Language } from '../i18n';
import { useIncidentLauncher } from '../incidents/launcher';
import { useAlarmView } from './alarm-store';

const SNOOZE_MINUTES = [15, 30, 60, 240];

function AckDialog({ alarms, onClose }: { alarms: Alarm[]; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () =>
    void api.call('alarms.acknowledge', { ids: alarms.map((a) => a.id), note }).then(onClose, (err: unknown) => setError(errorText(t, err)));
  return (
    <Dialog
      title={t('book.alarms.ackTitle', { count: alarms.length })}
      onSubmit={submit}
      onClose={onClose}
      submitLabel={t('book.alarms.ack')}
      cancelLabel={t('book.incidents.cancel')}
    >
      <label className="field field--stack">
        <span>{t('book.alarms.ackNote')}</span>
        <textarea className="input" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
      </label>
      {error ? (
        <p className="message message--error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

function SnoozeDialog({ alarm, onClose }: { alarm: Alarm; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [minutes, setMinutes] = useState(30);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () =>
    void api.call('alarms.snooze', { cameraId: alarm.cameraId!, minutes, note }).then(onClose, (err: unknown) => setError(errorText(t, err)));
  return (
    <Dialog
      title={t('book.alarms.snoozeFor', { camera: alarm.cameraName ?? '' })}
      onSubmit={submit}
      onClose={onClose}
      submitLabel={t('book.alarms.snooze')}
      cancelLabel={t('book.incidents.cancel')}
    >
      <div className="snooze-choices" role="radiogroup" aria-label={t('book.alarms.snooze')}>
        {SNOOZE_MINUTES.map((m) => (
          <label key={m} className="check">
            <input type="radio" name="snooze" checked={minutes === m} onChange={() => setMinutes(m)} />
            {m < 60 ? t('book.alarms.snoozeMinutes', { minutes: m }) : t('book.alarms.snoozeHours', { hours: m / 60 })}
          </label>
        ))}
      </div>
      <label className="field field--stack">
        <span>{t('book.alarms.ackNote')}</span>
        <input className="input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error ? (
        <p className="message message--error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

/** One row; re-rendered only when its alarm changed (a storm counts up a few rows, not all). */
export const AlarmRow = memo(function AlarmRow({
  alarm,
  compact,
  onAck,
  onSnooze,
}: {
  alarm: Alarm;
  compact: boolean;
  onAck(a: Alarm): void;
  onSnooze(a: Alarm): void;
}) {
  const { t, i18n } = useTranslation();
  const { settings, can } = useApp();
  const launcher = useIncidentLauncher();
  const lang = i18n.language as Language;
  const time = (ms: number) => (compact ? formatTime(ms, lang, settings.timeZone) : formatDateTime(ms, lang, settings.timeZone));
  const camera = alarm.cameraName ?? t('book.alarms.noCamera');
  return (
    <li
      className={`alarm alarm--${alarm.priority}`}
      aria-label={`${t(`book.priority.${alarm.priority}`)}: ${t(`book.kind.${alarm.kind}`)}, ${camera}`}
      data-alarm-id={alarm.id}
    >
      <div className="alarm__head">
        <span className={`alarm__priority alarm__priority--${alarm.priority}`}>{t(`book.priority.${alarm.priority}`)}</span>
        <span className="alarm__kind">{t(`book.kind.${alarm.kind}`)}</span>
        {alarm.count > 1 ? <span className="alarm__count">{t('book.alarms.count', { count: alarm.count })}</span> : null}
        <span className="alarm__camera">{camera}</span>
      </div>
      <div className="alarm__times muted">
        {t('book.alarms.first', { time: time(alarm.firstAt) })}
        {alarm.lastAt !== alarm.firstAt ? `, ${t('book.alarms.last', { time: time(alarm.lastAt) })}` : ''}
        {alarm.clearedAt ? ` · ${t('book.alarms.cleared', { time: time(alarm.clearedAt) })}` : ''}
        {alarm.detail ? ` · ${alarm.detail}` : ''}
      </div>
      <div className="alarm__actions">
        <button type="button" className="button button--primary" onClick={() => onAck(alarm)}>
          {t('book.alarms.ack')}
        </button>
        {can('incidents.manage') ? (
          <button type="button" className="button" onClick={() => launcher.fromAlarm(alarm)}>
            {t('book.alarms.escalate')}
          </button>
        ) : null}
        {alarm.cameraId ? (
          <>
            <button type="button" className="button" onClick={() => onSnooze(alarm)}>
              {t('book.alarms.snooze')}
            </button>
            <a className="button button--quiet" href={`#/wall?camera=${alarm.cameraId}`}>
              {t('book.alarms.showOnWall')}
            </a>
          </>
        ) : null}
      </div>
    </li>
  );
});

/** The drawer shows the most urgent rows; a storm's tail is on the Alarms tab. */
const COMPACT_ROWS = 25;

export function AlarmQueue({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { settings, api } = useApp();
  const view = useAlarmView();
  const [acking, setAcking] = useState<Alarm[] | null>(null);
  const [snoozing, setSnoozing] = useState<Alarm | null>(null);
  const snoozes = [...view.snoozes.values()];
  const ackOne = useCallback((x: Alarm) => setAcking([x]), []);
  return (
    <div className="alarm-queue">
      {view.list.length === 0 ? <p className="muted">{t('book.alarms.none')}</p> : null}
      {view.list.length > 1 ? (
        <button type="button" className="button" onClick={() => setAcking(view.list)}>
          {t('book.alarms.ackAll', { count: view.list.length })}
        </button>
      ) : null}
      <ul className="alarm-queue__list" aria-label={t('book.alarms.queue')}>
        {(compact ? view.list.slice(0, COMPACT_ROWS) : view.list).map((a) => (
          <AlarmRow key={a.id} alarm={a} compact={compact} onAck={ackOne} onSnooze={setSnoozing} />
        ))}
      </ul>
      {compact && view.list.length > COMPACT_ROWS ? (
        <a className="muted" href="#/incidents?tab=alarms">
          {t('book.alarms.more', { count: view.list.length - COMPACT_ROWS })}
        </a>
      ) : null}
      {snoozes.length ? (
        <ul className="alarm-queue__snoozes">
          {snoozes.map((s) => (
            <li key={s.cameraId} className="muted">
              {view.list.find((a) => a.cameraId === s.cameraId)?.cameraName ?? s.cameraId}:{' '}
              {t('book.alarms.snoozed', { time: formatTime(s.until, i18n.language as Language, settings.timeZone), count: s.suppressed })}{' '}
              <button
                type="button"
                className="button button--quiet"
                onClick={() => void api.call('alarms.snooze', { cameraId: s.cameraId, minutes: 0 })}
              >
                {t('book.alarms.unsnooze')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {acking ? <AckDialog alarms={acking} onClose={() => setAcking(null)} /> : null}
      {snoozing ? <SnoozeDialog alarm={snoozing} onClose={() => setSnoozing(null)} /> : null}
    </div>
  );
}
