// The Health dashboard: the working / awaiting-repair table centres report (per area), offline
// cameras and for how long, point outages, degraded cameras and why, uptime, wrong clocks, open
// tickets by assignee and age.
import { useTranslation } from 'react-i18next';
import type { HealthDashboard } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { DegradedCameras } from './DegradedCameras';
import { durationText, percentText, reasonText } from './format';
import { HEALTH_ACTIONS } from './health-actions';

const COUNTS = ['working', 'degraded', 'offline', 'awaiting_repair', 'decommissioned', 'unknown'] as const;

export function DashboardView({ d }: { d: HealthDashboard }) {
  const { t, i18n } = useTranslation();
  const { settings, can } = useApp();
  const registry = useActionRegistry();
  const lang = i18n.language as Language;
  const time = (ms: number) => formatDateTime(ms, lang, settings.timeZone);
  return (
    <div className="health">
      <ul className="health__totals" aria-label={t('healthPage.status.total')}>
        {COUNTS.map((k) => (
          <li key={k} className={`health__total health__total--${k}`}>
            <span className="health__count">{d.totals[k]}</span>
            <span>{t(`healthPage.status.${k}`)}</span>
          </li>
        ))}
        <li className="health__total">
          <span className="health__count">{d.totals.total}</span>
          <span>{t('healthPage.status.total')}</span>
        </li>
      </ul>

      {d.outages.length > 0 ? (
        <section className="card health__outages" aria-labelledby="health-outages">
          <h2 id="health-outages">{t('healthPage.outages.heading')}</h2>
          <ul>
            {d.outages.map((o) => (
              <li key={o.pointId} className="message message--error">
                {t('healthPage.outages.item', { name: o.name, count: o.cameras, time: time(o.since) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="health-offline">
        <h2 id="health-offline">{d.offlineCount === 0 ? t('healthPage.offline.none') : t('healthPage.offline.heading', { count: d.offlineCount })}</h2>
        {d.offline.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('healthPage.offline.camera')}</th>
                  <th scope="col">{t('healthPage.offline.point')}</th>
                  <th scope="col">{t('healthPage.offline.for')}</th>
                  <th scope="col">{t('healthPage.offline.why')}</th>
                  <th scope="col">{t('healthPage.offline.transmission')}</th>
                  {can('register.manage') ? <th scope="col" className="visually-hidden">{t('repair.open')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.offline.map((o) => (
                  <tr key={o.cameraId}>
                    <th scope="row">{o.name}</th>
                    <td>{o.pointName}</td>
                    <td className="nowrap" title={o.since ? time(o.since) : undefined}>
                      {o.since ? durationText(t, d.at - o.since) : t('healthPage.none')}
                    </td>
                    <td>{reasonText(t, o.reason)}</td>
                    <td>{t(`healthPage.transmission.${o.transmission}`, { defaultValue: o.transmission })}</td>
                    {can('register.manage') ? (
                      <td className="row-actions">
                        <button type="button" className="button" aria-label={t('repair.openFor', { name: o.name })} onClick={() => registry.run(HEALTH_ACTIONS.openTicket, o.cameraId)}>
                          {t('repair.open')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
            {d.offlineCount > d.offline.length ? <p className="muted">{t('healthPage.offline.more', { count: d.offlineCount - d.offline.length })}</p> : null}
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="health-areas">
        <h2 id="health-areas">{t('healthPage.areas.heading')}</h2>
        {d.areas.length === 0 ? (
          <p className="muted">{t('healthPage.areas.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table health__areas">
              <thead>
                <tr>
                  <th scope="col">{t('healthPage.areas.area')}</th>
                  {COUNTS.map((k) => (
                    <th key={k} scope="col" className="num">
                      {t(`healthPage.status.${k}`)}
                    </th>
                  ))}
                  <th scope="col" className="num">{t('healthPage.status.total')}</th>
                  <th scope="col" className="num">{t('healthPage.areas.uptime7')}</th>
                  <th scope="col" className="num">{t('healthPage.areas.uptime30')}</th>
                </tr>
              </thead>
              <tbody>
                {d.areas.map((a) => (
                  <tr key={a.areaId}>
                    <th scope="row">{a.name || t('healthPage.areas.noArea')}</th>
                    {COUNTS.map((k) => (
                      <td key={k} className="num">
                        {a[k]}
                      </td>
                    ))}
                    <td className="num">{a.total}</td>
                    <td className="num">{percentText(t, a.uptime.d7, lang)}</td>
                    <td className="num">{percentText(t, a.uptime.d30, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="health__columns">
        <section className="card" aria-labelledby="health-tickets">
          <h2 id="health-tickets">{t('healthPage.tickets.heading')}</h2>
          {d.tickets.length === 0 ? (
            <p className="muted">{t('healthPage.tickets.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('healthPage.tickets.assignee')}</th>
                  <th scope="col" className="num">{t('healthPage.tickets.open')}</th>
                  <th scope="col" className="num">{t('healthPage.tickets.under1d')}</th>
                  <th scope="col" className="num">{t('healthPage.tickets.under7d')}</th>
                  <th scope="col" className="num">{t('healthPage.tickets.older')}</th>
                </tr>
              </thead>
              <tbody>
                {d.tickets.map((r) => (
                  <tr key={r.assigneeId ?? 'none'}>
                    <th scope="row">{r.name || t('healthPage.tickets.unassigned')}</th>
                    <td className="num">{r.open}</td>
                    <td className="num">{r.under1d}</td>
                    <td className="num">{r.under7d}</td>
                    <td className="num">{r.older}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.maintenanceOverdue > 0 ? <p className="message message--warn">{t('healthPage.maintenanceOverdue', { count: d.maintenanceOverdue })}</p> : null}
        </section>

        <DegradedCameras />

        <section className="card" aria-labelledby="health-clocks">
          <h2 id="health-clocks">{t('healthPage.clocks.heading')}</h2>
          {d.clocks.length === 0 ? (
            <p className="muted">{t('healthPage.clocks.none')}</p>
          ) : (
            <ul className="health__list">
              {d.clocks.map((c) => (
                <li key={c.cameraId}>
                  {c.name} · {t('healthPage.clocks.offset', { seconds: Math.round(c.offsetMs / 1000) })}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="health-uptime">
          <h2 id="health-uptime">{t('healthPage.uptime.heading')}</h2>
          <p className="muted">{d.uptimeAt === null ? t('healthPage.uptime.computing') : t('healthPage.uptime.asOf', { time: time(d.uptimeAt) })}</p>
          {d.uptimeAt === null ? null : d.uptimeCameras.length === 0 ? (
            <p className="muted">{t('healthPage.uptime.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('healthPage.offline.camera')}</th>
                  <th scope="col" className="num">{t('healthPage.areas.uptime7')}</th>
                  <th scope="col" className="num">{t('healthPage.areas.uptime30')}</th>
                </tr>
              </thead>
              <tbody>
                {d.uptimeCameras.map((c) => (
                  <tr key={c.cameraId}>
                    <th scope="row">{c.name}</th>
                    <td className="num">{percentText(t, c.uptime.d7, lang)}</td>
                    <td className="num">{percentText(t, c.uptime.d30, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
