// Saving a view: its name, whether everyone shares it, and its Shift+number — chosen, never taken
// from list order. Each number shows which view holds it now, so giving it away is a choice.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { View } from '../../shared/contract';
import { Dialog, FieldError } from '../app/Dialog';

export function SaveViewDialog({ initialName, canShare, initialShared, initialShortcut, views, currentId, onSave, onClose }: {
  initialName: string;
  canShare: boolean;
  initialShared: boolean;
  initialShortcut: number | null;
  views: readonly View[];
  /** The view being saved over, if any: its own number is not "taken". */
  currentId: string | null;
  onSave(name: string, shared: boolean, shortcut: number | null): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [shared, setShared] = useState(initialShared);
  const [chosen, setChosen] = useState<{ value: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A new name saves a new view: it does not take the current view's number unless chosen.
  const sameView = name.trim() === initialName.trim() && !!currentId;
  const shortcut = chosen ? chosen.value : sameView ? initialShortcut : null;
  const holder = (n: number) => views.find((v) => v.shortcut === n && (!sameView || v.id !== currentId) && v.shared === shared);
  const submit = () => {
    if (!name.trim()) return setError(t('validation.required', { field: t('pages.wall.viewName') }));
    onSave(name.trim(), shared, shortcut);
  };
  return (
    <Dialog title={t('pages.wall.saveView')} submitLabel={t('pages.wall.save')} cancelLabel={t('pages.wall.cancel')} onClose={onClose} onSubmit={submit}>
      <label className="field field--stack">
        <span>{t('pages.wall.viewName')}</span>
        <input
          className="input"
          autoFocus
          maxLength={100}
          value={name}
          aria-invalid={!!error}
          aria-describedby="view-name-error"
          onChange={(e) => (setName(e.target.value), setError(null))}
        />
        <FieldError id="view-name-error" text={error} />
      </label>
      <label className="field field--stack">
        <span>{t('pages.wall.viewShortcut')}</span>
        <select className="input" value={shortcut ?? ''} onChange={(e) => setChosen({ value: e.target.value ? Number(e.target.value) : null })}>
          <option value="">{t('pages.wall.viewShortcutNone')}</option>
          {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => {
            const h = holder(n);
            return (
              <option key={n} value={n}>
                {h ? t('pages.wall.viewShortcutTaken', { n, name: h.name }) : t('pages.wall.viewShortcutFree', { n })}
              </option>
            );
          })}
        </select>
      </label>
      {canShare ? (
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('pages.wall.viewSharedLabel')}
        </label>
      ) : null}
    </Dialog>
  );
}
