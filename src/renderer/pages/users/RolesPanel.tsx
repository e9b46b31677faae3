// Roles as a matrix: one row per permission, one column per role. A tick changes the role at once
// (the core refuses a change that would leave nobody able to manage accounts, and says so).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../app/FormError';
import { PERMISSIONS, type Permission, type RoleInfo } from '../../../shared/contract';
import { errorText } from '../../api/client';
import { Dialog } from '../../app/Dialog';
import { useApp } from '../../app/app-context';
import { roleLabel } from './role-label';

export function RolesPanel({ roles, onChanged }: { roles: RoleInfo[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('');

  const save = async (r: RoleInfo, patch: Partial<Pick<RoleInfo, 'permissions' | 'ptzRank' | 'name'>>) => {
    try {
      await api.call('roles.save', { id: r.id, name: r.name, permissions: r.permissions, ptzRank: r.ptzRank, ...patch });
      setError(null);
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const toggle = (r: RoleInfo, p: Permission) =>
    void save(r, { permissions: r.permissions.includes(p) ? r.permissions.filter((x) => x !== p) : [...r.permissions, p] });

  return (
    <section className="card" aria-labelledby="roles-title">
      <div className="card__head">
        <h2 id="roles-title">{t('users.rolesTitle')}</h2>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          {t('users.newRole')}
        </button>
      </div>
      <p className="muted">{t('users.rolesHelp')}</p>
      <div className="table-scroll">
        <table className="table roles-matrix">
          <thead>
            <tr>
              <th scope="col">{t('users.permission')}</th>
              {roles.map((r) => (
                <th key={r.id} scope="col">
                  {roleLabel(t, r)}
                  <div className="muted roles-matrix__count">{t('users.accountsCount', { count: r.users })}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PERMISSIONS.filter((p) => p !== 'session').map((p) => (
              <tr key={p}>
                <th scope="row">{t(`permissions.${p}`)}</th>
                {roles.map((r) => (
                  <td key={r.id}>
                    <input
                      type="checkbox"
                      aria-label={`${roleLabel(t, r)}: ${t(`permissions.${p}`)}`}
                      checked={r.permissions.includes(p)}
                      onChange={() => toggle(r, p)}
                    />
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('users.ptzRank')}</th>
              {roles.map((r) => (
                <td key={r.id}>
                  <input
                    className="input input--narrow"
                    type="number"
                    min={0}
                    max={1000}
                    aria-label={`${roleLabel(t, r)}: ${t('users.ptzRank')}`}
                    defaultValue={r.ptzRank}
                    onBlur={(e) => {
                      const v = Math.round(Number(e.target.value));
                      if (Number.isFinite(v) && v !== r.ptzRank) void save(r, { ptzRank: Math.max(0, Math.min(1000, v)) });
                    }}
                  />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" />
              {roles.map((r) => (
                <td key={r.id}>
                  {!r.builtin ? (
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() =>
                        void api.call('roles.delete', { id: r.id }).then(
                          () => onChanged(),
                          (err: unknown) => setError(errorText(t, err)),
                        )
                      }
                    >
                      {t('users.deleteRole')}
                    </button>
                  ) : null}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <FormError text={error} />
      {creating ? (
        <Dialog
          title={t('users.newRole')}
          submitLabel={t('pages.wall.save')}
          cancelLabel={t('pages.wall.cancel')}
          onClose={() => setCreating(false)}
          onSubmit={() => {
            if (!newName.trim()) return setError(t('users.roleNameRequired'));
            void api.call('roles.save', { name: newName.trim(), permissions: ['live.view'], ptzRank: 0 }).then(
              () => {
                setCreating(false);
                setNewName('');
                onChanged();
              },
              (err: unknown) => setError(errorText(t, err)),
            );
          }}
        >
          <label className="field">
            <span>{t('users.roleName')}</span>
            <input className="input" autoFocus value={newName} onChange={(e) => setNewName(e.target.value)} />
          </label>
        </Dialog>
      ) : null}
    </section>
  );
}
