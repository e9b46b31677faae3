// Recording settings for the technician: per camera mode (off, continuous, scheduled with a weekly
// timetable, on event with seconds before and after), stream and retention; the recording folders
// with their quotas and disks; open alarms; and what the last start found after a crash.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, RecordingSettings } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatBytes, formatDateTime, type Language } from '../i18n';
import { useRegister } from '../register/use-register';

type Status = MethodOutput<'recording.status'>;
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function defaults(cameraId: string): RecordingSettings {
  return {
    cameraId,
    mode: 'off',
    stream: 'main',
    schedule: [],
    eventKinds: ['motion', 'tampering'],
    preSeconds: 10,
    postSeconds: 30,
    retentionDays: 30,
  };
}

function CameraRow({
  name,
  writing,
  initial,
  canManage,
  onSaved,
}: {
  name: string;
  writing: boolean;
  initial: RecordingSettings;
  canManage: boolean;
  onSaved(text: string, ok: boolean): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [s, setS] = useState(initial);
  const slot = s.schedule[0] ?? { day: 1, from: '07:00', to: '19:00' };
  const days = new Set(s.schedule.map((x) => x.day));
  const setSchedule = (d: Set<number>, from = slot.from, to = slot.to) => setS({ ...s, schedule: [...d].sort().map((day) => ({ day, from, to })) });
  const save = async () => {
    try {
      setS(await api.call('recording.settings.save', s));
      onSaved(t('rec.settings.saved', { name }), true);
    } catch (err) {
      onSaved(errorText(t, err), false);
    }
  };
  return (
    <tr data-camera-id={s.cameraId}>
      <th scope="row">
        {name}
        {writing ? <span className="rec-dot" title={t('rec.settings.writing')} aria-label={t('rec.settings.writing')} /> : null}
      </th>
      <td>
        <select
          className="input input--small"
          aria-label={t('rec.settings.mode')}
          value={s.mode}
          disabled={!canManage}
          onChange={(e) => setS({ ...s, mode: e.target.value as RecordingSettings['mode'] })}
        >
          {(['off', 'continuous', 'scheduled', 'event'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`rec.mode.${m}`)}
            </option>
          ))}
        </select>
        {s.mode === 'scheduled' ? (
          <div className="rec-schedule">
            {DAYS.map((d) => (
              <label key={d} className="rec-day">
                <input
                  type="checkbox"
                  checked={days.has(d)}
                  disabled={!canManage}
                  onChange={() => {
                    const next = new Set(days);
                    if (next.has(d)) next.delete(d);
                    else next.add(d);
                    setSchedule(next);
                  }}
                />
                {t(`rec.days.${d}`)}
              </label>
            ))}
            <input
              className="input input--small"
              type="time"
              aria-label={t('rec.settings.from')}
              value={slot.from}
              disabled={!canManage}
              onChange={(e) => setSchedule(days, e.target.value, slot.to)}
            />
            <input
              className="input input--small"
              type="time"
              aria-label={t('rec.settings.to')}
              value={slot.to === '24:00' ? '23:59' : slot.to}
              disabled={!canManage}
              onChange={(e) => setSchedule(days, slot.from, e.target.value === '23:59' ? '24:00' : e.target.value)}
            />
          </div>
        ) : null}
        {s.mode === 'event' ? (
          <div className="rec-schedule">
            {(['motion', 'tampering'] as const).map((k) => (
              <label key={k} className="rec-day">
                <input
                  type="checkbox"
                  checked={s.eventKinds.includes(k)}
                  disabled={!canManage}
                  onChange={() => setS({ ...s, eventKinds: s.eventKinds.includes(k) ? s.eventKinds.filter((x) => x !== k) : [...s.eventKinds, k] })}
                />
                {t(`rec.trigger.${k}`)}
              </label>
            ))}
            <label className="rec-day">
              {t('rec.settings.pre')}
              <input
                className="input input--num"
                type="number"
                min={0}
                max={30}
                value={s.preSeconds}
                disabled={!canManage}
                onChange={(e) => setS({ ...s, preSeconds: Number(e.target.value) })}
              />
            </label>
            <label className="rec-day">
              {t('rec.settings.post')}
              <input
                className="input input--num"
                type="number"
                min={0}
                max={600}
                value={s.postSeconds}
                disabled={!canManage}
                onChange={(e) => setS({ ...s, postSeconds: Number(e.target.value) })}
              />
            </label>
          </div>
        ) : null}
      </td>
      <td>
        <select
          className="input input--small"
          aria-label={t('rec.settings.stream')}
          value={s.stream}
          disabled={!canManage}
          onChange={(e) => setS({ ...s, stream: e.target.value as 'main' | 'sub' })}
        >
          <option value="main">{t('pages.wall.stream.main')}</option>
          <option value="sub">{t('pages.wall.stream.sub')}</option>
        </select>
      </td>
      <td>
        <input
          className="input input--num"
          type="number"
          min={1}
          max={3650}
          aria-label={t('rec.settings.retention')}
          value={s.retentionDays}
          disabled={!canManage}
          onChange={(e) => setS({ ...s, retentionDays: Number(e.target.value) })}
        />
      </td>
      <td className="row-actions">
        {canManage ? (
          <button type="button" className="button" onClick={() => void save()}>
            {t('rec.settings.save')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function RecordingPanel() {
  const { t, i18n } = useTranslation();
  const { api, can, settings } = useApp();
  const lang = i18n.language as Language;
  const tree = useRegister();
  const [list, setList] = useState<RecordingSettings[] | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [folderPath, setFolderPath] = useState('');
  const [quotaGb, setQuotaGb] = useState('');
  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void Promise.all([api.call('recording.settings.list', {}), api.call('recording.status', {})]).then(
        ([l, s]) => {
          if (!alive) return;
          setList(l);
          setStatus(s);
        },
        () => undefined,
      );
    refresh();
    const off = api.on('recording.alarm', refresh);
    const id = setInterval(refresh, 10_000);
    return () => {
      alive = false;
      off();
      clearInterval(id);
    };
  }, [api, version]);
  if (!tree || !list || !status) return <p className="muted">{t('common.loading')}</p>;
  const byId = new Map(list.map((s) => [s.cameraId, s]));
  const writing = new Set(status.cameras.filter((c) => c.writing).map((c) => c.cameraId));
  const alarms = status.alarms.filter((a) => a.clearedAt === null);
  return (
    <div className="rec-panel">
      {message ? (
        <p className={message.ok ? 'message--ok' : 'message--error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <section aria-labelledby="rec-alarms">
        <h2 id="rec-alarms">{t('rec.alarms.title')}</h2>
        {alarms.length === 0 ? <p className="muted">{t('rec.alarms.none')}</p> : null}
        <ul className="rec-alarms">
          {alarms.map((a) => (
            <li key={a.id} className={`rec-alarm rec-alarm--${a.kind}`}>
              <b>{t(`rec.alarms.kind.${a.kind}`)}</b> {a.cameraId ? (tree.cameras.find((c) => c.id === a.cameraId)?.name ?? a.cameraId) : ''} —{' '}
              {formatDateTime(a.raisedAt, lang, settings.timeZone)}{' '}
              <span className="muted">
                {Object.entries(a.detail)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rec-cams">
        <h2 id="rec-cams">{t('rec.settings.title')}</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('rec.settings.camera')}</th>
                <th>{t('rec.settings.mode')}</th>
                <th>{t('rec.settings.stream')}</th>
                <th>{t('rec.settings.retention')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tree.cameras.map((c) => (
                <CameraRow
                  key={c.id}
                  name={c.name}
                  writing={writing.has(c.id)}
                  initial={byId.get(c.id) ?? defaults(c.id)}
                  canManage={can('register.manage')}
                  onSaved={(text, ok) => {
                    setMessage({ text, ok });
                    void load();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t('rec.settings.legend')}</p>
      </section>
      <section aria-labelledby="rec-folders">
        <h2 id="rec-folders">{t('rec.folders.title')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th>{t('rec.folders.path')}</th>
              <th>{t('rec.folders.used')}</th>
              <th>{t('rec.folders.quota')}</th>
              <th>{t('rec.folders.free')}</th>
            </tr>
          </thead>
          <tbody>
            {status.folders.map((f) => (
              <tr key={f.id} className={f.nearlyFull || !f.writable ? 'row--warn' : ''}>
                <th scope="row" className="mono">
                  {f.path}
                </th>
                <td>{formatBytes(f.usedBytes, lang)}</td>
                <td>{f.quotaBytes === null ? t('rec.folders.noQuota') : formatBytes(f.quotaBytes, lang)}</td>
                <td>{f.writable ? (f.diskFreeBytes === null ? '?' : formatBytes(f.diskFreeBytes, lang)) : t('rec.folders.unwritable')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {can('settings.manage') ? (
          <form
            className="rec-folder-form"
            onSubmit={(e) => {
              e.preventDefault();
              void api
                .call('recording.folders.save', {
                  path: folderPath,
                  quotaBytes: quotaGb ? Math.round(Number(quotaGb) * 1024 ** 3) : null,
                  enabled: true,
                })
                .then(
                  () => {
                    setFolderPath('');
                    setQuotaGb('');
                    load();
                  },
                  (err: unknown) => setMessage({ text: errorText(t, err), ok: false }),
                );
            }}
          >
            <input
              className="input"
              required
              placeholder={t('rec.folders.path')}
              aria-label={t('rec.folders.path')}
              value={folderPath}
              onChange={(e) => setFolderPath(e.target.value)}
            />
            <input
              className="input input--num"
              type="number"
              min={1}
              step="any"
              placeholder="GiB"
              aria-label={t('rec.folders.quotaGb')}
              value={quotaGb}
              onChange={(e) => setQuotaGb(e.target.value)}
            />
            <button type="submit" className="button">
              {t('rec.folders.add')}
            </button>
          </form>
        ) : null}
      </section>
    </div>
  );
}
