// The maintenance schedule: each point's periodic check, overdue first.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenancePlan } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { HEALTH_ACTIONS } from './health-actions';

export function MaintenanceView() {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const registry = useActionRegistry();
  const [plans, setPlans] = useState<MaintenancePlan[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () => void api.call('maintenance.list', {}).then((p) => alive && setPlans(p), () => undefined);
    load();
    const off = api.on('repair.changed', load);
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return (
    <section className="card" aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">{t('maintenance.heading')}</h2>
      {plans.length === 0 ? (
        <p className="muted">{t('maintenance.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('maintenance.point')}</th>
              <th scope="col">{t('maintenance.every')}</th>
              <th scope="col">{t('maintenance.lastDone')}</th>
              <th scope="col">{t('maintenance.nextDue')}</th>
              <th scope="col" />
              {can('register.manage') ? <th scope="col" className="visually-hidden">{t('maintenance.done')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.pointId}>
                <th scope="row">{p.pointName}</th>
                <td>{t('maintenance.everyDays', { count: p.everyDays })}</td>
                <td>{p.lastDone ?? t('maintenance.never')}</td>
                <td>{p.nextDue}</td>
                <td>{p.overdueDays > 0 ? <span className="message message--warn">{t('maintenance.overdue', { count: p.overdueDays })}</span> : t('maintenance.onTime')}</td>
                {can('register.manage') ? (
                  <td className="row-actions">
                    <button type="button" className="button" onClick={() => registry.run(HEALTH_ACTIONS.maintenanceDone, p.pointId)}>
                      {t('maintenance.done')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
