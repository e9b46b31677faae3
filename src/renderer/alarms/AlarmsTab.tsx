// The Alarms tab of the incidents page: the queue at full width, what was raised recently and how
// it was handled, this console's sound and pop-up settings, and per-camera rules.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALARM_PRIORITIES, type Alarm } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { useRegister } from '../register/use-register';
import { useAlarmStore, useAlarmView } from './alarm-store';
import { AlarmQueue } from './AlarmQueue';
import { usePopSetting, writePop } from './pop';
import { RuleEditor } from './RuleEditor';
import { useSyncExternalStore } from 'react';

function History() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const view = useAlarmView();
  const [rows, setRows] = useState<Alarm[]>([]);
  // Refreshed when the queue changes (an acknowledgement moves a row here).
  useEffect(() => {
    let alive = true;
    void api.call('alarms.history', { from: Date.now() - 24 * 3_600_000, limit: 100 }).then(
      (r) => alive && setRows(r.alarms),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [api, view]);
  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, settings.timeZone);
  return (
    <section className="card" aria-labelledby="alarm-history">
      <h2 id="alarm-history">{t('book.alarms.history')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('book.alarms.historyNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{time(a.firstAt)}</td>
                  <td>
                    <span className={`alarm__priority alarm__priority--${a.priority}`}>{t(`book.priority.${a.priority}`)}</span>
                  </td>
                  <td>
                    {t(`book.kind.${a.kind}`)}
                    {a.count > 1 ? ` ${t('book.alarms.count', { count: a.count })}` : ''}
                  </td>
                  <td className="nowrap">{a.cameraName ?? t('book.alarms.noCamera')}</td>
                  <td>
                    {a.ackedAt ? t('book.alarms.handledBy', { name: a.ackedByName ?? '', time: time(a.ackedAt) }) : '—'}
                    {a.incidentNumber ? (
                      <>
                        {' '}
                        → <a href={`#/incidents?id=${a.incidentId}`}>{a.incidentNumber}</a>
                      </>
                    ) : a.ackNote ? (
                      <span className="muted"> · {a.ackNote}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ConsoleSettings() {
  const { t } = useTranslation();
  const { sound } = useAlarmStore();
  const pop = usePopSetting();
  const muted = useSyncExternalStore(
    (l) => sound.subscribe(l),
    () => sound.muted,
  );
  return (
    <section className="card" aria-labelledby="alarm-console">
      <h2 id="alarm-console">{t('book.alarms.consoleSettings')}</h2>
      <label className="check">
        <input type="checkbox" checked={muted} onChange={(e) => sound.setMuted(e.target.checked)} />
        {t('book.alarms.mute')}
      </label>
      <div className="filters">
        <label className="inline-field">
          {t('book.alarms.pop')}
          <select
            className="input input--compact"
            value={pop.target === 'tile' ? `tile` : pop.target}
            onChange={(e) => writePop({ ...pop, target: e.target.value as 'off' | 'tile' | 'window' })}
          >
            <option value="off">{t('book.alarms.popOff')}</option>
            <option value="tile">{t('book.alarms.popTile', { n: pop.tile })}</option>
            <option value="window">{t('book.alarms.popWindow')}</option>
          </select>
        </label>
        {pop.target === 'tile' ? (
          <input
            className="input input--narrow"
            type="number"
            min={1}
            max={36}
            aria-label={t('book.alarms.popTile', { n: '' })}
            value={pop.tile}
            onChange={(e) => writePop({ ...pop, tile: Math.max(1, Math.min(36, Number(e.target.value) || 1)) })}
          />
        ) : null}
        <label className="inline-field">
          {t('book.alarms.popFrom')}
          <select
            className="input input--compact"
            value={pop.minPriority}
            onChange={(e) => writePop({ ...pop, minPriority: e.target.value as (typeof ALARM_PRIORITIES)[number] })}
          >
            {ALARM_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`book.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {pop.target === 'window' ? (
          <button
            type="button"
            className="button"
            onClick={() => window.open(`${window.location.pathname}#/wall?alarm=1`, 'wf-alarm-window', 'popup')}
          >
            {t('book.alarms.openAlarmWindow')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

export function AlarmsTab() {
  const { t } = useTranslation();
  const tree = useRegister();
  const { setDrawerOpen } = useAlarmStore();
  // The queue is on this page already: the drawer would only cover it.
  useEffect(() => setDrawerOpen(false), [setDrawerOpen]);
  return (
    <div className="alarms-tab">
      <div className="alarms-tab__column">
        <section className="card" aria-labelledby="alarm-queue-title">
          <h2 id="alarm-queue-title">{t('book.alarms.queue')}</h2>
          <AlarmQueue />
        </section>
        <RuleEditor tree={tree} />
      </div>
      <div className="alarms-tab__column">
        <History />
        <ConsoleSettings />
      </div>
    </div>
  );
}
