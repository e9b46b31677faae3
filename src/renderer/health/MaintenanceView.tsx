// The maintenance schedule: each point's periodic check, overdue first. A technician sets a point's
// check (every N days, the day it was last done, who does it), changes or removes it, and marks it
// done today. Every change runs an action (maintenance.save, maintenance.done).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenancePlan, PointRecord } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { useAllAssignees } from './AssigneesView';
import { HEALTH_ACTIONS } from './health-actions';

interface Draft {
  pointId: string;
  everyDays: string;
  lastDone: string;
  assigneeId: string;
}

const emptyDraft: Draft = { pointId: '', everyDays: '90', lastDone: '', assigneeId: '' };

function PlanForm({
  draft,
  points,
  editing,
  onCancel,
}: {
  draft: Draft;
  points: { id: string; name: string }[];
  editing: boolean;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const assignees = useAllAssignees();
  const [d, setD] = useState(draft);
  const [problem, setProblem] = useState<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const submit = () => {
    const days = Number(d.everyDays);
    if (!d.pointId) return setProblem(t('maintenance.form.pointRequired'));
    if (!Number.isInteger(days) || days < 1 || days > 3650) return setProblem(t('maintenance.form.daysRange'));
    if (d.lastDone && d.lastDone > today) return setProblem(t('maintenance.form.lastDoneFuture'));
    setProblem(null);
    registry.run(HEALTH_ACTIONS.savePlan, {
      pointId: d.pointId,
      everyDays: days,
      assigneeId: d.assigneeId || null,
      ...(d.lastDone && d.lastDone !== draft.lastDone ? { lastDone: d.lastDone } : {}),
    });
    if (editing) onCancel();
    else setD(draft);
  };
  const title = editing
    ? t('maintenance.form.editHeading', { name: points.find((p) => p.id === d.pointId)?.name ?? '' })
    : t('maintenance.form.addHeading');
  return (
    <form
      className="inline-form"
      aria-label={title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{title}</h3>
      {editing ? null : (
        <label className="field field--stack">
          <span>{t('maintenance.point')}</span>
          <select className="input" value={d.pointId} onChange={(e) => setD({ ...d, pointId: e.target.value })}>
            <option value="">{t('maintenance.form.choosePoint')}</option>
            {points.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field field--stack">
        <span>{t('maintenance.form.every')}</span>
        <input
          className="input input--narrow"
          type="number"
          min={1}
          max={3650}
          step={1}
          value={d.everyDays}
          onChange={(e) => setD({ ...d, everyDays: e.target.value })}
        />
      </label>
      <label className="field field--stack">
        <span>{t('maintenance.lastDone')}</span>
        <input className="input" type="date" max={today} value={d.lastDone} onChange={(e) => setD({ ...d, lastDone: e.target.value })} />
      </label>
      <label className="field field--stack">
        <span>{t('maintenance.assignee')}</span>
        <select className="input" value={d.assigneeId} onChange={(e) => setD({ ...d, assigneeId: e.target.value })}>
          <option value="">{t('healthPage.tickets.unassigned')}</option>
          {assignees
            .filter((a) => !a.disabled || a.id === d.assigneeId)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
      </label>
      <button type="submit" className="button button--primary">
        {t('maintenance.form.save')}
      </button>
      {editing ? (
        <button type="button" className="button" onClick={onCancel}>
          {t('maintenance.form.cancel')}
        </button>
      ) : null}
      {problem ? (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

export function MaintenanceView() {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const registry = useActionRegistry();
  const assignees = useAllAssignees();
  const [plans, setPlans] = useState<MaintenancePlan[]>([]);
  const [points, setPoints] = useState<PointRecord[]>([]);
  const [editing, setEditing] = useState<Draft | null>(null);
  const manage = can('register.manage');
  useEffect(() => {
    let alive = true;
    const load = () =>
      void api.call('maintenance.list', {}).then(
        (p) => alive && setPlans(p),
        () => undefined,
      );
    load();
    const off = api.on('repair.changed', load);
    if (manage)
      void api.call('register.points', { limit: 500 }).then(
        (r) => alive && setPoints(r.rows),
        () => undefined,
      );
    return () => {
      alive = false;
      off();
    };
  }, [api, manage]);
  const nameOf = (id: string | null) => (id ? (assignees.find((a) => a.id === id)?.name ?? id) : t('healthPage.tickets.unassigned'));
  const planned = new Set(plans.map((p) => p.pointId));
  const unplanned = points.filter((p) => !planned.has(p.id)).map((p) => ({ id: p.id, name: p.name }));
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
              <th scope="col">{t('maintenance.assignee')}</th>
              <th scope="col" />
              {manage ? (
                <th scope="col">
                  <span className="visually-hidden">{t('maintenance.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.pointId}>
                <th scope="row">{p.pointName}</th>
                <td>{t('maintenance.everyDays', { count: p.everyDays })}</td>
                <td>{p.lastDone ?? t('maintenance.never')}</td>
                <td>{p.nextDue}</td>
                <td>{nameOf(p.assigneeId)}</td>
                <td>
                  {p.overdueDays > 0 ? (
                    <span className="message message--warn">{t('maintenance.overdue', { count: p.overdueDays })}</span>
                  ) : (
                    t('maintenance.onTime')
                  )}
                </td>
                {manage ? (
                  <td className="row-actions">
                    <button type="button" className="button" onClick={() => registry.run(HEALTH_ACTIONS.maintenanceDone, p.pointId)}>
                      {t('maintenance.done')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      aria-label={t('maintenance.editOf', { name: p.pointName })}
                      onClick={() =>
                        setEditing({ pointId: p.pointId, everyDays: String(p.everyDays), lastDone: p.lastDone ?? '', assigneeId: p.assigneeId ?? '' })
                      }
                    >
                      {t('maintenance.edit')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      aria-label={t('maintenance.removeOf', { name: p.pointName })}
                      onClick={() => registry.run(HEALTH_ACTIONS.savePlan, { pointId: p.pointId, everyDays: null })}
                    >
                      {t('maintenance.remove')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && editing ? (
        <PlanForm
          key={editing.pointId}
          draft={editing}
          points={plans.map((p) => ({ id: p.pointId, name: p.pointName }))}
          editing
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {manage && !editing ? <PlanForm draft={emptyDraft} points={unplanned} editing={false} onCancel={() => undefined} /> : null}
    </section>
  );
}
