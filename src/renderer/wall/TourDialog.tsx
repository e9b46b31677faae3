import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { View } from '../../shared/contract';
import { Dialog } from '../app/Dialog';

export function TourDialog({ views, dwellDefault, onSave, onClose }: {
  views: View[];
  dwellDefault: number;
  onSave(name: string, dwellSeconds: number, viewIds: string[]): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [dwell, setDwell] = useState(dwellDefault);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <Dialog
      title={t('pages.wall.tourNew')}
      submitLabel={t('pages.wall.save')}
      cancelLabel={t('pages.wall.cancel')}
      onClose={onClose}
      onSubmit={() => name.trim() && picked.length > 0 && onSave(name.trim(), dwell, picked)}
    >
      <label className="field field--stack">
        <span>{t('pages.wall.tourName')}</span>
        <input className="input" autoFocus required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field field--stack">
        <span>{t('pages.wall.tourDwell')}</span>
        <input className="input input--narrow" type="number" min={3} max={3600} value={dwell} onChange={(e) => setDwell(Number(e.target.value))} />
      </label>
      <fieldset className="fieldset">
        <legend>{t('pages.wall.tourSteps')}</legend>
        {views.map((v) => (
          <label key={v.id} className="check">
            <input type="checkbox" checked={picked.includes(v.id)} onChange={() => toggle(v.id)} />
            {v.name}
            {picked.includes(v.id) ? <span className="muted"> #{picked.indexOf(v.id) + 1}</span> : null}
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}
