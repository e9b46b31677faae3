// A shift report on screen (the same content the printed minute carries).
import { useTranslation } from 'react-i18next';
import type { IncidentCategory, ShiftReport } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { categoryName } from '../incidents/refs';

type RI = ShiftReport['incidents']['opened'][number];
type RA = ShiftReport['alarms']['notable'][number];
type RE = ShiftReport['ptz'][number];

export function ReportView({ report, categories }: { report: ShiftReport; categories: IncidentCategory[] }) {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, settings.timeZone);
  const none = <p className="muted">{t('book.shift.report.none')}</p>;
  const incidents = (title: string, list: RI[]) => (
    <section className="report__part">
      <h4>{title}</h4>
      {list.length === 0 ? (
        none
      ) : (
        <ul className="report__list">
          {list.map((i) => (
            <li key={i.id}>
              <a href={`#/incidents?id=${i.id}`}>{i.number}</a> · {time(i.occurredAt)} ·{' '}
              {categoryName(
                categories.find((c) => c.id === i.categoryId),
                i.categoryId,
                i18n.language,
              )}{' '}
              · {i.title}
              {i.areaName ? ` · ${i.areaName}` : ''} · <span className={`status status--${i.status}`}>{t(`book.status.${i.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  const alarms = (title: string, list: RA[]) => (
    <section className="report__part">
      <h4>{title}</h4>
      {list.length === 0 ? (
        none
      ) : (
        <ul className="report__list">
          {list.map((a) => (
            <li key={a.id}>
              {time(a.firstAt)} · <span className={`alarm__priority alarm__priority--${a.priority}`}>{t(`book.priority.${a.priority}`)}</span>{' '}
              {t(`book.kind.${a.kind}`)}
              {a.count > 1 ? ` ${t('book.alarms.count', { count: a.count })}` : ''} · {a.cameraName ?? t('book.alarms.noCamera')}
              {a.ackedAt ? ` · ${t('book.alarms.handledBy', { name: a.ackedByName ?? '', time: time(a.ackedAt) })}` : ''}
              {a.incidentNumber ? ` → ${a.incidentNumber}` : a.ackNote ? ` · ${a.ackNote}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  const events = (title: string, list: RE[]) => (
    <section className="report__part">
      <h4>{title}</h4>
      {list.length === 0 ? (
        none
      ) : (
        <ul className="report__list">
          {list.map((e, n) => (
            <li key={n}>
              {time(e.at)} · {e.who ?? '—'} · {e.target ?? ''} · {e.action}
              {e.detail ? ` · ${e.detail}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  const r = report;
  return (
    <div className="report">
      <div className="report__grid">
        {incidents(t('book.shift.report.opened', { count: r.incidents.opened.length }), r.incidents.opened)}
        {incidents(t('book.shift.report.closed', { count: r.incidents.closed.length }), r.incidents.closed)}
        {incidents(t('book.shift.report.changed', { count: r.incidents.changed.length }), r.incidents.changed)}
        {incidents(t('book.shift.report.carried', { count: r.incidents.carriedOver.length }), r.incidents.carriedOver)}
      </div>
      <section className="report__part">
        <h4>{t('book.shift.report.alarms')}</h4>
        {r.alarms.byKind.length === 0 ? (
          none
        ) : (
          <ul className="report__list">
            {r.alarms.byKind.map((k) => (
              <li key={k.kind}>
                <b>{t(`book.kind.${k.kind}`)}</b>: {k.rows} {t('book.shift.report.rows')}, {k.raised} {t('book.shift.report.raised')},{' '}
                {k.acknowledged} {t('book.shift.report.acked')}, {k.escalated} {t('book.shift.report.escalated')}, {k.open}{' '}
                {t('book.shift.report.stillOpen')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="report__grid">
        {alarms(t('book.shift.report.notable'), r.alarms.notable)}
        {alarms(t('book.shift.report.open'), r.alarms.open)}
      </div>
      <section className="report__part">
        <h4>{t('book.shift.report.cameras')}</h4>
        {r.cameras.length === 0 ? (
          none
        ) : (
          <ul className="report__list">
            {r.cameras.map((c) => (
              <li key={`${c.cameraId}-${c.offlineAt}`}>
                {c.cameraName ?? c.cameraId} · {time(c.offlineAt)} ·{' '}
                {c.backAt ? t('book.shift.report.back', { time: time(c.backAt) }) : t('book.shift.report.stillOffline')}
                {c.reason ? ` · ${c.reason}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="report__grid">
        {events(t('book.shift.report.ptz'), r.ptz)}
        {events(t('book.shift.report.exports'), r.exports)}
        {events(t('book.shift.report.snoozes'), r.snoozes)}
      </div>
      {r.truncated ? <p className="muted">{t('book.shift.report.truncated')}</p> : null}
    </div>
  );
}
