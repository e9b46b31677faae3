// The ward report: per area with roll-up — points, cameras, working, offline, awaiting repair,
// by ownership, transmission and purpose, compliance — "as of" any day (counted by the areas of that
// day), on screen, as XLSX and as a PDF headed with the centre's name and the date.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counts, MethodOutput, StatsReport } from '../../../shared/contract';
import { errorText } from '../../api/client';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import '../../register/register.css';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

const COLUMNS: { key: string; value(c: Counts): number | string }[] = [
  { key: 'points', value: (c) => c.points },
  { key: 'cameras', value: (c) => c.cameras },
  { key: 'working', value: (c) => c.status.working },
  { key: 'offline', value: (c) => c.status.offline },
  { key: 'awaiting_repair', value: (c) => c.status.awaiting_repair },
  { key: 'decommissioned', value: (c) => c.status.decommissioned },
  { key: 'state', value: (c) => c.ownership.state },
  { key: 'police', value: (c) => c.ownership.police },
  { key: 'socialised', value: (c) => c.ownership.business + c.ownership.household + c.ownership.rental_owner + c.ownership.socialised },
  { key: 'direct', value: (c) => c.transmission.direct + c.transmission.fibre },
  { key: 'residents_wifi', value: (c) => c.transmission.residents_wifi },
  { key: 'mobile', value: (c) => c.transmission.mobile },
  { key: 'groups', value: (c) => `${c.residentialGroupsCovered}/${c.residentialGroups}` },
  { key: 'rentals', value: (c) => `${c.rentalHousesCovered}/${c.rentalHouses}` },
];

function Compliance() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [lists, setLists] = useState<{ groups: MethodOutput<'register.compliance'>; rentals: MethodOutput<'register.compliance'> } | null>(null);
  useEffect(() => {
    Promise.all([
      api.call('register.compliance', { list: 'residential_groups', covered: false }),
      api.call('register.compliance', { list: 'rental_houses', covered: false }),
    ]).then(
      ([groups, rentals]) => setLists({ groups, rentals }),
      () => undefined,
    );
  }, [api]);
  if (!lists) return null;
  return (
    <section className="report-compliance" aria-labelledby="compliance-title">
      <h2 id="compliance-title">{t('register.report.compliance')}</h2>
      {(['groups', 'rentals'] as const).map((k) => (
        <div key={k}>
          <h3>
            {t(k === 'groups' ? 'register.report.groupsWithout' : 'register.report.rentalsWithout')} ({lists[k].length})
          </h3>
          {lists[k].length ? (
            <ul className="report-compliance__list">
              {lists[k].map((x) => (
                <li key={x.id}>
                  {x.name} <span className="muted">· {x.areaName}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('register.report.none')}</p>
          )}
        </div>
      ))}
    </section>
  );
}

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const [asOf, setAsOf] = useState(today());
  const [report, setReport] = useState<StatsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.call('register.stats', { asOf: asOf && asOf !== today() ? asOf : null }).then(
        (r) => alive && (setReport(r), setError(null)),
        (err: unknown) => alive && setError(errorText(t, err)),
      );
    void load();
    const off = api.on('register.changed', () => void load());
    return () => {
      alive = false;
      off();
    };
  }, [api, asOf, t]);
  const lang = i18n.language === 'vi' ? 'vi' : 'en';
  const params = { lang, ...(asOf && asOf !== today() ? { asOf } : {}) };
  const tools = (
    <>
      <label className="inline-field">
        {t('register.report.asOf')}
        <input type="date" className="input" value={asOf} max={today()} onChange={(e) => setAsOf(e.target.value || today())} />
      </label>
      <a className="button" href={api.downloadUrl('/download/register-report.xlsx', params)} download>
        {t('register.report.xlsx')}
      </a>
      <a className="button" href={api.downloadUrl('/download/register-report.pdf', params)} download>
        {t('register.report.pdf')}
      </a>
      <button type="button" className="button" onClick={() => window.print()}>
        {t('register.report.print')}
      </button>
    </>
  );
  const day = (report?.asOf ?? asOf).split('-').reverse().join('/');
  return (
    <Page title={t('pages.reports.title')} tools={tools} className="page--report">
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
      {!report ? (
        <p role="status">{t('common.loading')}</p>
      ) : report.rows.length === 0 ? (
        <p role="status">{t('register.report.empty')}</p>
      ) : (
        <>
          <h2 className="report-title">
            {t('register.report.title')} — {t('register.report.asOf').toLowerCase()} {day}
          </h2>
          <div className="table-scroll report-table-wrap">
            <table className="table report-table" aria-label={`${t('register.report.title')} ${day}`}>
              <thead>
                <tr>
                  <th scope="col">{t('register.report.area')}</th>
                  {COLUMNS.map((c) => (
                    <th scope="col" key={c.key}>
                      {t(`register.report.heads.${c.key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.areaId} className={`report-table__d${Math.min(r.depth, 3)}`}>
                    <th scope="row" style={{ paddingLeft: `${0.5 + r.depth * 1.1}rem` }}>
                      {r.name}
                    </th>
                    {COLUMNS.map((c) => (
                      <td key={c.key}>{c.value(r.total)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('register.report.total')}</th>
                  {COLUMNS.map((c) => (
                    <td key={c.key}>{c.value(report.total)}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          <Compliance />
        </>
      )}
    </Page>
  );
}
