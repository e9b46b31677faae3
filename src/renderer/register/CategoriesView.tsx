// Location categories: the built-in list (intersection, market, rental house…) and the centre's own,
// which it adds, renames and disables here (a disabled one stays on the points that have it and
// leaves the pickers). Saving goes through the register.saveCategory action.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { REGISTER_ACTIONS, useCategoryActions, type CategoryInput } from './register-actions';
import { categoryName } from './use-register-data';

function OwnCategory({ c }: { c: Category }) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const [name, setName] = useState(c.name);
  const save = (next: { name: string; disabled: boolean }) => registry.run(REGISTER_ACTIONS.saveCategory, { id: c.id, ...next });
  return (
    <li className="category">
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          save({ name: name.trim(), disabled: c.disabled });
        }}
      >
        <input
          className="input"
          aria-label={t('register.categoriesView.nameOf', { name: c.name })}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button" disabled={!name.trim() || name.trim() === c.name}>
          {t('register.categoriesView.rename')}
        </button>
        <button type="button" className="button" onClick={() => save({ name: c.name, disabled: !c.disabled })}>
          {c.disabled ? t('register.actions.enable') : t('register.actions.disable')}
        </button>
        {c.disabled ? <span className="tag">{t('register.table.disabled')}</span> : null}
      </form>
    </li>
  );
}

export function CategoriesView({ categories }: { categories: Category[] }) {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const registry = useActionRegistry();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const ctx = useMemo(
    () => ({
      save: async (input: CategoryInput) => {
        try {
          await api.call('register.saveCategory', input);
          setError(null);
        } catch (err) {
          setError(err);
        }
      },
    }),
    [api],
  );
  useCategoryActions(ctx);
  const builtin = categories.filter((c) => c.builtin);
  const own = categories.filter((c) => !c.builtin);
  const manage = can('register.manage');
  return (
    <div className="register-view">
      <h2>{t('register.categoriesView.title')}</h2>
      <p className="muted">{t('register.categoriesView.help')}</p>
      {error ? (
        <p role="alert" className="message message--error">
          {errorText(t, error)}
        </p>
      ) : null}
      <h3>{t('register.categoriesView.own')}</h3>
      {own.length === 0 ? <p className="muted">{t('register.categoriesView.none')}</p> : null}
      <ul className="categories" aria-label={t('register.categoriesView.own')}>
        {own.map((c) => (manage ? <OwnCategory key={`${c.id}:${c.name}`} c={c} /> : <li key={c.id}>{c.name}</li>))}
      </ul>
      {manage ? (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            const text = name.trim();
            if (!text) return;
            registry.run(REGISTER_ACTIONS.saveCategory, { id: crypto.randomUUID(), name: text, disabled: false });
            setName('');
          }}
        >
          <input
            className="input"
            aria-label={t('register.categoriesView.newName')}
            placeholder={t('register.categoriesView.newName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button" disabled={!name.trim()}>
            {t('register.categoriesView.add')}
          </button>
        </form>
      ) : null}
      <h3>{t('register.categoriesView.builtin')}</h3>
      <ul className="categories" aria-label={t('register.categoriesView.builtin')}>
        {builtin.map((c) => (
          <li key={c.id}>{categoryName(t, categories, c.id)}</li>
        ))}
      </ul>
    </div>
  );
}
