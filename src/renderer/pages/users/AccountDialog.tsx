// Create or change an account: name, role, area scope (a ward account sees only its areas), and
// whether it may sign in. A new account needs a password; later ones are set with "Reset password".
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../app/FormError';
import { MIN_PASSWORD_LENGTH, type Account, type Area, type RoleInfo } from '../../../shared/contract';
import { errorText } from '../../api/client';
import { Dialog } from '../../app/Dialog';
import { useApp } from '../../app/app-context';
import { roleLabel } from './role-label';

/** Areas in tree order with their depth, for an indented list of checkboxes. */
function flatten(areas: Area[]): { area: Area; depth: number }[] {
  const children = new Map<string | null, Area[]>();
  const ids = new Set(areas.map((a) => a.id));
  for (const a of areas) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const collator = new Intl.Collator('vi');
  const out: { area: Area; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const a of (children.get(parent) ?? []).sort((x, y) => collator.compare(x.name, y.name))) {
      out.push({ area: a, depth });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function AccountDialog({
  account,
  roles,
  areas,
  onClose,
  onSaved,
}: {
  account: Account | null;
  roles: RoleInfo[];
  areas: Area[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  // Chosen once per dialog: a retry after a lost answer lands on the same account.
  const [id] = useState(() => account?.id ?? crypto.randomUUID());
  const [form, setForm] = useState({
    username: account?.username ?? '',
    displayName: account?.displayName ?? '',
    role: account?.role ?? 'officer',
    scopes: new Set(account?.scopes ?? []),
    disabled: account?.disabled ?? false,
    password: '',
  });
  const [error, setError] = useState<string | null>(null);
  const tree = useMemo(() => flatten(areas), [areas]);

  const submit = async () => {
    const problem = !/^[a-zA-Z0-9._@-]{2,64}$/.test(form.username.trim())
      ? t('auth.usernameRule')
      : !form.displayName.trim()
        ? t('auth.displayNameRequired')
        : !account && form.password.length < MIN_PASSWORD_LENGTH
          ? t('auth.passwordShort', { min: MIN_PASSWORD_LENGTH })
          : null;
    if (problem) return setError(problem);
    try {
      await api.call('users.save', {
        id,
        username: form.username,
        displayName: form.displayName,
        role: form.role,
        scopes: [...form.scopes],
        disabled: form.disabled,
        ...(account ? {} : { password: form.password }),
      });
      onSaved();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  const toggleScope = (areaId: string) =>
    setForm((f) => {
      const scopes = new Set(f.scopes);
      if (scopes.has(areaId)) scopes.delete(areaId);
      else scopes.add(areaId);
      return { ...f, scopes };
    });

  return (
    <Dialog
      title={account ? t('users.editTitle', { name: account.displayName }) : t('users.newTitle')}
      onSubmit={() => void submit()}
      onClose={onClose}
      submitLabel={t('pages.wall.save')}
      cancelLabel={t('pages.wall.cancel')}
    >
      <label className="field">
        <span>{t('auth.username')}</span>
        <input
          className="input"
          autoCapitalize="none"
          spellCheck={false}
          value={form.username}
          onChange={(e) => setForm((f) => ({ ...f, username: e.target.value }))}
        />
      </label>
      <label className="field">
        <span>{t('auth.displayName')}</span>
        <input className="input" value={form.displayName} onChange={(e) => setForm((f) => ({ ...f, displayName: e.target.value }))} />
      </label>
      <label className="field">
        <span>{t('users.role')}</span>
        <select className="input" value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value }))}>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {roleLabel(t, r)}
            </option>
          ))}
        </select>
      </label>
      {!account ? (
        <label className="field">
          <span>{t('auth.newPassword')}</span>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))}
          />
        </label>
      ) : null}
      <fieldset className="scope-picker">
        <legend>{t('users.scope')}</legend>
        <p className="muted">{form.scopes.size === 0 ? t('users.scopeAll') : t('users.scopeSome', { count: form.scopes.size })}</p>
        <div className="scope-picker__list">
          {tree.map(({ area, depth }) => (
            <label key={area.id} style={{ paddingInlineStart: `${depth * 18}px` }}>
              <input type="checkbox" checked={form.scopes.has(area.id)} onChange={() => toggleScope(area.id)} /> {area.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={form.disabled} onChange={(e) => setForm((f) => ({ ...f, disabled: e.target.checked }))} />{' '}
        {t('users.disabled')}
      </label>
      <FormError text={error} />
    </Dialog>
  );
}
