import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../app/Dialog';

export function SaveViewDialog({ initialName, canShare, initialShared, onSave, onClose }: {
  initialName: string;
  canShare: boolean;
  initialShared: boolean;
  onSave(name: string, shared: boolean): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [shared, setShared] = useState(initialShared);
  return (
    <Dialog title={t('pages.wall.saveView')} submitLabel={t('pages.wall.save')} cancelLabel={t('pages.wall.cancel')} onClose={onClose} onSubmit={() => name.trim() && onSave(name.trim(), shared)}>
      <label className="field field--stack">
        <span>{t('pages.wall.viewName')}</span>
        <input className="input" autoFocus required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
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
