// Accounts and roles, for administrators: who may sign in, as what, over which areas.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Area, RoleInfo } from '../../../shared/contract';
import { errorText } from '../../api/client';
import { Dialog } from '../../app/Dialog';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import { formatDateTime, type Language } from '../../i18n';
import { AccountDialog } from './AccountDialog';
import { RolesPanel } from './RolesPanel';
import { roleLabel } from './role-label';

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [roles, setRoles] = useState<RoleInfo[]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const lang = i18n.language as Language;

  const [generation, setGeneration] = useState(0);
  const load = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    let live = true;
    Promise.all([api.call('users.list', {}), api.call('roles.list', {}), api.call('register.tree', {})]).then(
      ([a, r, tree]) => {
        if (!live) return;
        setAccounts(a);
        setRoles(r);
        setAreas(tree.areas);
      },
      (err: unknown) => live && setMessage({ kind: 'error', text: errorText(t, err) }),
    );
    return () => {
      live = false;
    };
  }, [api, t, generation]);

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      load();
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(t, err) });
    }
  };

  const roleById = new Map(roles.map((r) => [r.id, r]));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const collator = new Intl.Collator(lang === 'vi' ? 'vi' : 'en');

  return (
    <Page
      title={t('users.title')}
      tools={
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
          {t('users.new')}
        </button>
      }
    >
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message message--${message.kind}`}>
          {message.text}
        </p>
      ) : null}
      <section className="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('users.accountsTitle')}</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('auth.displayName')}</th>
                <th scope="col">{t('auth.username')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.scope')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.lastSignIn')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...(accounts ?? [])]
                .sort((a, b) => collator.compare(a.displayName, b.displayName))
                .map((a) => {
                  const role = roleById.get(a.role);
                  const state = a.disabled ? 'disabled' : a.lockedUntil ? 'locked' : !a.hasPassword ? 'noPassword' : 'active';
                  return (
                    <tr key={a.id}>
                      <th scope="row">{a.displayName}</th>
                      <td className="mono">{a.username}</td>
                      <td>{role ? roleLabel(t, role) : a.role}</td>
                      <td>
                        {a.scopes.length === 0 ? (
                          <span className="muted">{t('users.scopeAll')}</span>
                        ) : (
                          a.scopes.map((s) => areaName.get(s) ?? s).join(', ')
                        )}
                      </td>
                      <td>
                        <span className={`badge badge--account-${state}`}>
                          {t(`users.states.${state}`, { time: a.lockedUntil ? formatDateTime(a.lockedUntil, lang, settings.timeZone) : '' })}
                        </span>
                        {a.activeSessions > 0 ? <span className="muted"> · {t('users.sessions', { count: a.activeSessions })}</span> : null}
                      </td>
                      <td>{a.lastSignInAt ? formatDateTime(a.lastSignInAt, lang, settings.timeZone) : <span className="muted">—</span>}</td>
                      <td className="row-actions">
                        <button type="button" className="button button--quiet" onClick={() => setEditing(a)}>
                          {t('users.edit')}
                        </button>
                        <button type="button" className="button button--quiet" onClick={() => setResetting(a)}>
                          {t('users.resetPassword')}
                        </button>
                        {a.lockedUntil ? (
                          <button
                            type="button"
                            className="button button--quiet"
                            onClick={() => void act(() => api.call('users.unlock', { id: a.id }), t('users.unlocked', { name: a.displayName }))}
                          >
                            {t('users.unlock')}
                          </button>
                        ) : null}
                        {a.activeSessions > 0 ? (
                          <button
                            type="button"
                            className="button button--quiet"
                            onClick={() =>
                              void act(() => api.call('users.signOutEverywhere', { id: a.id }), t('users.signedOut', { name: a.displayName }))
                            }
                          >
                            {t('users.signOutEverywhere')}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      </section>
      <RolesPanel roles={roles} onChanged={load} />
      {editing ? (
        <AccountDialog
          account={editing === 'new' ? null : editing}
          roles={roles}
          areas={areas}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setMessage({ kind: 'ok', text: t('pages.settings.saved') });
            load();
          }}
        />
      ) : null}
      {resetting ? (
        <Dialog
          title={t('users.resetTitle', { name: resetting.displayName })}
          submitLabel={t('users.resetPassword')}
          cancelLabel={t('pages.wall.cancel')}
          onClose={() => (setResetting(null), setNewPassword(''))}
          onSubmit={() => {
            const target = resetting;
            setResetting(null);
            void act(
              () => api.call('users.resetPassword', { id: target.id, password: newPassword }),
              t('users.passwordReset', { name: target.displayName }),
            ).finally(() => setNewPassword(''));
          }}
        >
          <label className="field">
            <span>{t('auth.newPassword')}</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              autoFocus
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          </label>
          <p className="muted">{t('users.resetHelp')}</p>
        </Dialog>
      ) : null}
    </Page>
  );
}
