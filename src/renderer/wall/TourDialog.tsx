// A tour's steps are views or single cameras, in the order the operator ticks them. The same
// dialog creates and edits; it says what is missing instead of doing nothing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, Tour, TourStep, View } from '../../shared/contract';
import { sortByName } from '../../shared/text';
import { Dialog, FieldError } from '../app/Dialog';

const stepKey = (s: TourStep) => (s.kind === 'view' ? `v:${s.viewId}` : `c:${s.cameraId}`);

export function TourDialog({ tour, views, cameras, dwellDefault, canShare, onSave, onClose }: {
  tour: Tour | null;
  views: View[];
  cameras: Camera[];
  dwellDefault: number;
  canShare: boolean;
  onSave(input: { id?: string; name: string; dwellSeconds: number; shared: boolean; steps: TourStep[] }): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(tour?.name ?? '');
  const [dwell, setDwell] = useState(String(tour?.dwellSeconds ?? dwellDefault));
  const [shared, setShared] = useState(tour?.shared ?? false);
  const [picked, setPicked] = useState<string[]>(tour ? tour.steps.map(stepKey) : []);
  const [errors, setErrors] = useState<{ name?: string; dwell?: string; steps?: string }>({});
  const toggle = (key: string) => {
    setPicked((p) => (p.includes(key) ? p.filter((x) => x !== key) : [...p, key]));
    setErrors((e) => ({ ...e, steps: undefined }));
  };
  const steps = (): TourStep[] => picked.map((k) => (k.startsWith('v:') ? { kind: 'view', viewId: k.slice(2) } : { kind: 'camera', cameraId: k.slice(2) }));
  const submit = () => {
    const seconds = Number(dwell);
    const next = {
      name: name.trim() ? undefined : t('validation.required', { field: t('pages.wall.tourName') }),
      dwell: Number.isInteger(seconds) && seconds >= 3 && seconds <= 3600 ? undefined : t('validation.between', { field: t('pages.wall.tourDwell'), min: 3, max: 3600 }),
      steps: picked.length > 0 ? undefined : t('validation.tourSteps'),
    };
    setErrors(next);
    if (next.name || next.dwell || next.steps) return;
    onSave({ ...(tour ? { id: tour.id } : {}), name: name.trim(), dwellSeconds: seconds, shared, steps: steps() });
  };
  const box = (key: string, label: string) => (
    <label key={key} className="check">
      <input type="checkbox" checked={picked.includes(key)} onChange={() => toggle(key)} />
      {label}
      {picked.includes(key) ? <span className="muted"> #{picked.indexOf(key) + 1}</span> : null}
    </label>
  );
  return (
    <Dialog
      title={tour ? t('pages.wall.tourEdit', { name: tour.name }) : t('pages.wall.tourNew')}
      submitLabel={t('pages.wall.save')}
      cancelLabel={t('pages.wall.cancel')}
      onClose={onClose}
      onSubmit={submit}
    >
      <label className="field field--stack">
        <span>{t('pages.wall.tourName')}</span>
        <input className="input" autoFocus maxLength={100} value={name} aria-invalid={!!errors.name} aria-describedby="tour-name-error" onChange={(e) => setName(e.target.value)} />
        <FieldError id="tour-name-error" text={errors.name ?? null} />
      </label>
      <label className="field field--stack">
        <span>{t('pages.wall.tourDwell')}</span>
        <input className="input input--narrow" type="number" inputMode="numeric" value={dwell} aria-invalid={!!errors.dwell} aria-describedby="tour-dwell-error" onChange={(e) => setDwell(e.target.value)} />
        <FieldError id="tour-dwell-error" text={errors.dwell ?? null} />
      </label>
      {canShare ? (
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('pages.wall.viewSharedLabel')}
        </label>
      ) : null}
      <fieldset className="fieldset" aria-describedby="tour-steps-error">
        <legend>{t('pages.wall.tourSteps')}</legend>
        {views.map((v) => box(`v:${v.id}`, v.name))}
      </fieldset>
      <fieldset className="fieldset" aria-describedby="tour-steps-error">
        <legend>{t('pages.wall.tourCameras')}</legend>
        {sortByName(cameras, (c) => c.name).map((c) => box(`c:${c.id}`, c.name))}
      </fieldset>
      <FieldError id="tour-steps-error" text={errors.steps ?? null} />
    </Dialog>
  );
}
