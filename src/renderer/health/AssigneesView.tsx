// The technicians and contractors tickets and periodic checks are assigned to (Viettel, VNPT, FPT,
// the centre's own technicians…): add one, rename one, take one out of use. Nobody is deleted: old
// tickets keep the name they were assigned to. Each change runs the repair.saveAssignee action.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignee } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { HEALTH_ACTIONS } from './health-actions';

type Kind = Assignee['kind'];

/** Every assignee, those out of use included, kept current on repair.changed. */
export function useAllAssignees(): Assignee[] {
  const { api } = useApp();
  const [list, setList] = useState<Assignee[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void api.call('repair.assignees', {}).then(
        (a) => alive && setList(a),
        () => undefined,
      );
    load();
    const off = api.on('repair.changed', (e) => (e.ticketId === null ? load() : undefined));
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return list;
}

function AssigneeRow({ a, manage }: { a: Assignee; manage: boolean }) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const [name, setName] = useState(a.name);
  const [kind, setKind] = useState<Kind>(a.kind);
  const changed = name.trim() !== a.name || kind !== a.kind;
  const save = () => name.trim() && registry.run(HEALTH_ACTIONS.saveAssignee, { id: a.id, name: name.trim(), kind, disabled: a.disabled });
  return (
    <tr className={a.disabled ? 'row--disabled' : undefined}>
      <th scope="row">
        {manage ? (
          <input
            className="input input--name"
            aria-label={t('repair.assignees.nameOf', { name: a.name })}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && changed && save()}
          />
        ) : (
          a.name
        )}
      </th>
      <td>
        {manage ? (
          <select
            className="input"
            aria-label={t('repair.assignees.kindOf', { name: a.name })}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
          >
            <option value="technician">{t('repair.assignees.technician')}</option>
            <option value="contractor">{t('repair.assignees.contractor')}</option>
          </select>
        ) : (
          t(`repair.assignees.${a.kind}`)
        )}
      </td>
      <td>{a.disabled ? <span className="muted">{t('repair.assignees.disabled')}</span> : t('repair.assignees.inUse')}</td>
      {manage ? (
        <td className="row-actions">
          <button type="button" className="button" disabled={!changed || !name.trim()} onClick={save}>
            {t('repair.assignees.save')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => registry.run(HEALTH_ACTIONS.saveAssignee, { id: a.id, name: a.name, kind: a.kind, disabled: !a.disabled })}
          >
            {a.disabled ? t('repair.assignees.enable', { name: a.name }) : t('repair.assignees.disable', { name: a.name })}
          </button>
        </td>
      ) : null}
    </tr>
  );
}

export function AssigneesView() {
  const { t } = useTranslation();
  const { can } = useApp();
  const registry = useActionRegistry();
  const list = useAllAssignees();
  const manage = can('register.manage');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('technician');
  const [problem, setProblem] = useState(false);
  return (
    <section className="card" aria-labelledby="assignees-heading">
      <h2 id="assignees-heading">{t('repair.assignees.heading')}</h2>
      <p className="muted">{t('repair.assignees.help')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('repair.assignees.name')}</th>
            <th scope="col">{t('repair.assignees.kind')}</th>
            <th scope="col">{t('repair.assignees.state')}</th>
            {manage ? (
              <th scope="col">
                <span className="visually-hidden">{t('repair.assignees.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            // Keyed by what is saved too: a saved change starts the row's fields again from it.
            <AssigneeRow key={`${a.id}:${a.name}:${a.kind}`} a={a} manage={manage} />
          ))}
        </tbody>
      </table>
      {manage ? (
        <form
          className="inline-form"
          aria-label={t('repair.assignees.addHeading')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return setProblem(true);
            registry.run(HEALTH_ACTIONS.saveAssignee, { name: name.trim(), kind });
            setName('');
            setProblem(false);
          }}
        >
          <h3>{t('repair.assignees.addHeading')}</h3>
          <label className="field field--stack">
            <span>{t('repair.assignees.name')}</span>
            <input
              className="input input--name"
              value={name}
              maxLength={80}
              aria-invalid={problem || undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="field field--stack">
            <span>{t('repair.assignees.kind')}</span>
            <select className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="technician">{t('repair.assignees.technician')}</option>
              <option value="contractor">{t('repair.assignees.contractor')}</option>
            </select>
          </label>
          <button type="submit" className="button button--primary">
            {t('repair.assignees.add')}
          </button>
          {problem ? (
            <p className="message message--error" role="alert">
              {t('repair.assignees.nameRequired')}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
