import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, TourStep, View } from '../../shared/contract';
import { Dialog } from '../app/Dialog';

/** A tour's steps are views or single cameras, in the order the operator ticks them. */
export function TourDialog({ views, cameras, dwellDefault, onSave, onClose }: {
  views: View[];
  cameras: Camera[];
  dwellDefault: number;
  onSave(name: string, dwellSeconds: number, steps: TourStep[]): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [dwell, setDwell] = useState(dwellDefault);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (key: string) => setPicked((p) => (p.includes(key) ? p.filter((x) => x !== key) : [...p, key]));
  const steps = (): TourStep[] => picked.map((k) => (k.startsWith('v:') ? { kind: 'view', viewId: k.slice(2) } : { kind: 'camera', cameraId: k.slice(2) }));
  const box = (key: string, label: string) => (
    <label key={key} className="check">
      <input type="checkbox" checked={picked.includes(key)} onChange={() => toggle(key)} />
      {label}
      {picked.includes(key) ? <span className="muted"> #{picked.indexOf(key) + 1}</span> : null}
    </label>
  );
  return (
    <Dialog
      title={t('pages.wall.tourNew')}
      submitLabel={t('pages.wall.save')}
      cancelLabel={t('pages.wall.cancel')}
      onClose={onClose}
      onSubmit={() => name.trim() && picked.length > 0 && onSave(name.trim(), dwell, steps())}
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
        {views.map((v) => box(`v:${v.id}`, v.name))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('pages.wall.tourCameras')}</legend>
        {cameras.map((c) => box(`c:${c.id}`, c.name))}
      </fieldset>
    </Dialog>
  );
}
