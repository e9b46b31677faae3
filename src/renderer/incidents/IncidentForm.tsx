// The incident's fields as a form, shared by "New incident from this camera" (compact), the
// incidents page's New incident and the detail panel. Text caps are shown as counters and said
// beside the field before the core would refuse them.
import { useTranslation } from 'react-i18next';
import {
  MAX_DESCRIPTION,
  MAX_PEOPLE,
  MAX_TITLE,
  SEVERITIES,
  type Incident,
  type IncidentCategory,
  type IncidentFields,
  type RegisterTree,
} from '../../shared/contract';
import { categoryName, splitList, type Assignee } from './refs';
import { fromZonedInput, toZonedInput } from './time';

export interface Draft {
  title: string;
  categoryId: string;
  severity: IncidentFields['severity'];
  occurredAt: string;
  cameraIds: string[];
  pointId: string;
  lat: string;
  lon: string;
  description: string;
  people: string;
  vehicles: string;
  assigneeId: string;
  units: string;
}

export function emptyDraft(timeZone: string, at = Date.now()): Draft {
  return {
    title: '',
    categoryId: 'other',
    severity: 'medium',
    occurredAt: toZonedInput(at, timeZone),
    cameraIds: [],
    pointId: '',
    lat: '',
    lon: '',
    description: '',
    people: '',
    vehicles: '',
    assigneeId: '',
    units: '',
  };
}

export function draftOf(i: Incident, timeZone: string): Draft {
  return {
    title: i.title,
    categoryId: i.categoryId,
    severity: i.severity,
    occurredAt: toZonedInput(i.occurredAt, timeZone),
    cameraIds: i.cameraIds,
    pointId: i.pointId ?? '',
    lat: i.lat === null ? '' : String(i.lat),
    lon: i.lon === null ? '' : String(i.lon),
    description: i.description,
    people: i.people,
    vehicles: i.vehicles.join(', '),
    assigneeId: i.assigneeId ?? '',
    units: i.units.join(', '),
  };
}

const num = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));

/** The fields a draft names (area follows the point in the core). */
export function fieldsOf(d: Draft, timeZone: string): Omit<IncidentFields, 'areaId'> & { areaId?: string | null } {
  return {
    title: d.title.trim(),
    categoryId: d.categoryId,
    severity: d.severity,
    occurredAt: fromZonedInput(d.occurredAt, timeZone) ?? Date.now(),
    cameraIds: d.cameraIds,
    pointId: d.pointId || null,
    lat: num(d.lat),
    lon: num(d.lon),
    description: d.description,
    people: d.people,
    vehicles: splitList(d.vehicles),
    assigneeId: d.assigneeId || null,
    units: splitList(d.units),
  };
}

/** Problems the form can tell before asking the core (which checks everything again). */
export function draftProblems(d: Draft, t: (k: string, o?: Record<string, unknown>) => string): Partial<Record<keyof Draft, string>> {
  const out: Partial<Record<keyof Draft, string>> = {};
  if (!d.title.trim()) out.title = t('problems.required');
  if (d.title.length > MAX_TITLE) out.title = t('book.incidents.tooLong', { max: MAX_TITLE });
  if (d.description.length > MAX_DESCRIPTION) out.description = t('book.incidents.tooLong', { max: MAX_DESCRIPTION.toLocaleString() });
  if (d.people.length > MAX_PEOPLE) out.people = t('book.incidents.tooLong', { max: MAX_PEOPLE });
  return out;
}

function Field({ id, label, error, children, wide }: { id: string; label: string; error?: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={`incident-form__field${wide ? ' incident-form__field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function IncidentForm({
  idPrefix,
  draft,
  onChange,
  tree,
  categories,
  assignees,
  errors = {},
  compact = false,
  readOnly = false,
}: {
  idPrefix: string;
  draft: Draft;
  onChange(d: Draft): void;
  tree: RegisterTree | null;
  categories: IncidentCategory[];
  assignees: Assignee[];
  errors?: Partial<Record<keyof Draft, string>>;
  /** From a tile: place and camera are fixed, only what the officer types is asked. */
  compact?: boolean;
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => onChange({ ...draft, [k]: v });
  const id = (k: string) => `${idPrefix}-${k}`;
  const aria = (k: keyof Draft) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `${id(k)}-error` } : {});
  const cameraName = (cid: string) => tree?.cameras.find((c) => c.id === cid)?.name ?? cid;
  const usable = categories.filter((c) => !c.disabled || c.id === draft.categoryId);
  return (
    <fieldset className={`incident-form${compact ? ' incident-form--compact' : ''}`} disabled={readOnly}>
      <Field id={id('title')} label={t('book.incidents.fields.title')} error={errors.title} wide>
        <input
          id={id('title')}
          className="input"
          value={draft.title}
          maxLength={MAX_TITLE}
          required
          onChange={(e) => set('title', e.target.value)}
          {...aria('title')}
        />
      </Field>
      <Field id={id('category')} label={t('book.incidents.fields.category')}>
        <select id={id('category')} className="input" value={draft.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
          {usable.map((c) => (
            <option key={c.id} value={c.id}>
              {categoryName(c, c.id, i18n.language)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('severity')} label={t('book.incidents.fields.severity')}>
        <select id={id('severity')} className="input" value={draft.severity} onChange={(e) => set('severity', e.target.value as Draft['severity'])}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`book.severity.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('occurred')} label={t('book.incidents.fields.occurredAt')}>
        <input
          id={id('occurred')}
          className="input"
          type="datetime-local"
          value={draft.occurredAt}
          onChange={(e) => set('occurredAt', e.target.value)}
        />
      </Field>
      {!compact ? (
        <>
          <Field id={id('camera')} label={t('book.incidents.fields.camera')}>
            <div className="incident-form__chips">
              {draft.cameraIds.map((cid) => (
                <span key={cid} className="chip">
                  {cameraName(cid)}
                  {!readOnly ? (
                    <button
                      type="button"
                      className="chip__remove"
                      aria-label={`${t('book.alarms.rulesRemove')} ${cameraName(cid)}`}
                      onClick={() =>
                        set(
                          'cameraIds',
                          draft.cameraIds.filter((x) => x !== cid),
                        )
                      }
                    >
                      ×
                    </button>
                  ) : null}
                </span>
              ))}
              <select
                id={id('camera')}
                className="input input--compact"
                value=""
                onChange={(e) => e.target.value && set('cameraIds', [...draft.cameraIds, e.target.value])}
              >
                <option value="">{draft.cameraIds.length ? t('book.incidents.fields.addCamera') : t('book.incidents.fields.noCamera')}</option>
                {(tree?.cameras ?? [])
                  .filter((c) => !draft.cameraIds.includes(c.id))
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </div>
          </Field>
          <Field id={id('point')} label={t('book.incidents.fields.point')}>
            <select id={id('point')} className="input" value={draft.pointId} onChange={(e) => set('pointId', e.target.value)}>
              <option value="">{t('book.incidents.fields.noPoint')}</option>
              {(tree?.points ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('lat')} label={t('book.incidents.fields.location')}>
            <span className="incident-form__pair">
              <input
                id={id('lat')}
                className="input input--compact"
                inputMode="decimal"
                aria-label={t('book.incidents.fields.lat')}
                value={draft.lat}
                onChange={(e) => set('lat', e.target.value)}
              />
              <input
                className="input input--compact"
                inputMode="decimal"
                aria-label={t('book.incidents.fields.lon')}
                value={draft.lon}
                onChange={(e) => set('lon', e.target.value)}
              />
            </span>
          </Field>
          <Field id={id('assignee')} label={t('book.incidents.fields.assignee')}>
            <select id={id('assignee')} className="input" value={draft.assigneeId} onChange={(e) => set('assigneeId', e.target.value)}>
              <option value="">{t('book.incidents.unassigned')}</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : null}
      <Field id={id('description')} label={t('book.incidents.fields.description')} error={errors.description} wide>
        <textarea
          id={id('description')}
          className="input incident-form__text"
          rows={compact ? 4 : 6}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
          {...aria('description')}
        />
        <span
          className={`incident-form__counter${draft.description.length > MAX_DESCRIPTION ? ' incident-form__counter--over' : ''}`}
          aria-live="polite"
        >
          {t('book.incidents.counter', {
            n: draft.description.length.toLocaleString(i18n.language),
            max: MAX_DESCRIPTION.toLocaleString(i18n.language),
          })}
        </span>
      </Field>
      <Field id={id('vehicles')} label={t('book.incidents.fields.vehicles')}>
        <input id={id('vehicles')} className="input" value={draft.vehicles} onChange={(e) => set('vehicles', e.target.value)} />
      </Field>
      <Field id={id('people')} label={t('book.incidents.fields.people')} error={errors.people}>
        <input id={id('people')} className="input" value={draft.people} onChange={(e) => set('people', e.target.value)} {...aria('people')} />
      </Field>
      {!compact ? (
        <Field id={id('units')} label={t('book.incidents.fields.units')} wide>
          <input id={id('units')} className="input" value={draft.units} onChange={(e) => set('units', e.target.value)} />
        </Field>
      ) : null}
    </fieldset>
  );
}
