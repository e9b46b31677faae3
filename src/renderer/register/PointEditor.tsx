// Create or edit a point: its area, name, address, coordinates (typed, or picked on the plan),
// location category, purposes and custodian. Problems are shown beside their field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, PointRecord, Purpose } from '../../shared/contract';
import { PURPOSES } from '../../shared/contract';
import { errorText, fieldError } from '../api/client';
import { newId } from '../api/new-id';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { Field } from './CameraEditor';
import { CoordinatePicker } from './CoordinatePicker';
import { categoryName, type AreaNode } from './use-register-data';

type Draft = Omit<PointRecord, 'id' | 'disabled' | 'cameras'>;

export function PointEditor({
  point,
  areas,
  categories,
  onClose,
}: {
  point: PointRecord | null;
  areas: AreaNode[];
  categories: Category[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  // A new point's id is chosen once: a save retried after a lost answer finds the point it made.
  const [id] = useState(() => point?.id ?? newId());
  const [d, setD] = useState<Draft>(
    point ?? {
      areaId: areas.find((a) => !a.retiredOn)?.id ?? '',
      name: '',
      address: '',
      lat: null,
      lon: null,
      categoryId: null,
      purposes: [],
      custodian: '',
      custodianContact: '',
      notes: '',
    },
  );
  const [latText, setLatText] = useState(d.lat?.toString() ?? '');
  const [lonText, setLonText] = useState(d.lon?.toString() ?? '');
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const fid = (k: string) => `point-${k}`;
  const invalid = (k: string) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `${fid(k)}-error` } : {});
  const parse = (s: string) => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));

  const save = async () => {
    setError(null);
    const local: Record<string, string> = {};
    if (!d.name.trim()) local.name = t('problems.required');
    const lat = parse(latText);
    const lon = parse(lonText);
    if (lat !== null && !Number.isFinite(lat)) local.lat = t('problems.coordinate_range');
    if (lon !== null && !Number.isFinite(lon)) local.lon = t('problems.coordinate_range');
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await api.call('register.savePoint', { ...d, lat, lon, id, create: !point });
      onClose();
    } catch (err) {
      const f = fieldError(t, err);
      if (f) setErrors({ [f.field]: f.text });
      else setError(errorText(t, err));
    }
  };
  const text = (k: 'name' | 'address' | 'custodian' | 'custodianContact' | 'notes', wide = false) => (
    <Field id={fid(k)} label={t(`register.point.${k}`)} error={errors[k]} wide={wide}>
      <input id={fid(k)} className="input" value={d[k]} onChange={(e) => set(k, e.target.value)} {...invalid(k)} />
    </Field>
  );
  return (
    <Dialog
      title={point ? t('register.point.editTitle', { name: point.name }) : t('register.point.newTitle')}
      submitLabel={t('register.actions.save')}
      cancelLabel={t('register.actions.cancel')}
      onClose={onClose}
      onSubmit={() => void save()}
    >
      <div className="form-grid form-grid--editor">
        <Field id={fid('areaId')} label={t('register.point.area')} error={errors.areaId} wide>
          <select id={fid('areaId')} className="input" value={d.areaId} onChange={(e) => set('areaId', e.target.value)}>
            {areas
              .filter((a) => !a.retiredOn)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {'\u2003'.repeat(a.depth)}
                  {a.name}
                </option>
              ))}
          </select>
        </Field>
        {text('name', true)}
        {text('address', true)}
        <Field id={fid('lat')} label={t('register.point.lat')} error={errors.lat}>
          <input
            id={fid('lat')}
            className="input"
            inputMode="decimal"
            value={latText}
            onChange={(e) => setLatText(e.target.value)}
            {...invalid('lat')}
          />
        </Field>
        <Field id={fid('lon')} label={t('register.point.lon')} error={errors.lon}>
          <input
            id={fid('lon')}
            className="input"
            inputMode="decimal"
            value={lonText}
            onChange={(e) => setLonText(e.target.value)}
            {...invalid('lon')}
          />
        </Field>
        <div className="field--wide">
          <button type="button" className="button button--quiet" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
            {t('register.point.pick')}
          </button>
          {picking ? (
            <CoordinatePicker
              lat={parse(latText)}
              lon={parse(lonText)}
              onPick={(la, lo) => {
                setLatText(String(la));
                setLonText(String(lo));
              }}
            />
          ) : null}
        </div>
        <Field id={fid('categoryId')} label={t('register.point.category')}>
          <select id={fid('categoryId')} className="input" value={d.categoryId ?? ''} onChange={(e) => set('categoryId', e.target.value || null)}>
            <option value="">{t('register.point.noCategory')}</option>
            {categories
              .filter((c) => !c.disabled || c.id === d.categoryId)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {categoryName(t, categories, c.id)}
                </option>
              ))}
          </select>
        </Field>
        <fieldset className="fieldset field--wide">
          <legend>{t('register.point.purposes')}</legend>
          {PURPOSES.map((p: Purpose) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                className="checkbox"
                checked={d.purposes.includes(p)}
                onChange={() => set('purposes', d.purposes.includes(p) ? d.purposes.filter((x) => x !== p) : [...d.purposes, p])}
              />
              {t(`register.enums.purpose.${p}`)}
            </label>
          ))}
        </fieldset>
        {text('custodian')}
        {text('custodianContact')}
        {text('notes', true)}
      </div>
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
