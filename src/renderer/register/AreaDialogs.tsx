// The area tree's changes, each a small form: a new area, a correction, and the effective-dated
// rename, move, merge and split ("from" a day; reports as of earlier days keep the old tree).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaRecord, PointRecord } from '../../shared/contract';
import { AREA_KINDS } from '../../shared/contract';
import { errorText, fieldError } from '../api/client';
import { newId } from '../api/new-id';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { Field } from './CameraEditor';
import type { AreaNode } from './use-register-data';

export type AreaOp = 'new' | 'correct' | 'rename' | 'move' | 'merge' | 'split';
type Kind = AreaRecord['kind'];

/** Today in Vietnam (UTC+7), the default effective day. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function AreaOptions({ areas, exclude = [] }: { areas: AreaNode[]; exclude?: string[] }) {
  return (
    <>
      {areas
        .filter((a) => !a.retiredOn && !exclude.includes(a.id))
        .map((a) => (
          <option key={a.id} value={a.id}>
            {'\u2003'.repeat(a.depth)}
            {a.name}
          </option>
        ))}
    </>
  );
}

export function AreaDialog({ op, area, areas, onClose }: { op: AreaOp; area: AreaNode | null; areas: AreaNode[]; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [ids] = useState(() => ({ a: newId(), parts: [newId(), newId(), newId(), newId(), newId(), newId()] }));
  const [name, setName] = useState(op === 'new' || op === 'merge' ? '' : (area?.name ?? ''));
  const [kind, setKind] = useState<Kind>(op === 'new' ? (area ? 'residential_group' : 'ward') : (area?.kind ?? 'ward'));
  const [from, setFrom] = useState(today());
  const [parentId, setParentId] = useState<string>(op === 'new' ? (area?.id ?? '') : (area?.parentId ?? ''));
  const [sources, setSources] = useState<string[]>(area ? [area.id] : []);
  const [into, setInto] = useState<string>('__new__');
  const [parts, setParts] = useState<{ name: string; points: string[] }[]>([
    { name: '', points: [] },
    { name: '', points: [] },
  ]);
  const [keep, setKeep] = useState(false);
  const [points, setPoints] = useState<PointRecord[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (op === 'split' && area)
      api.call('register.points', { areaId: area.id, limit: 500 }).then(
        (r) => setPoints(r.rows.filter((p) => p.areaId === area.id)),
        () => undefined,
      );
  }, [api, op, area]);

  const submit = async () => {
    setError(null);
    const required = t('problems.required');
    const local: Record<string, string> = {};
    if ((op === 'new' || op === 'correct' || op === 'rename' || (op === 'merge' && into === '__new__')) && !name.trim()) local.name = required;
    if (op === 'split') parts.forEach((p, i) => !p.name.trim() && (local[`part${i}`] = required));
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      if (op === 'new') await api.call('register.createArea', { id: ids.a, parentId: parentId || null, name: name.trim(), kind });
      if (op === 'correct') await api.call('register.updateArea', { id: area!.id, name: name.trim(), kind });
      if (op === 'rename') await api.call('register.renameArea', { id: area!.id, name: name.trim(), from });
      if (op === 'move') await api.call('register.moveArea', { id: area!.id, parentId: parentId || null, from });
      if (op === 'merge')
        await api.call('register.mergeAreas', {
          sourceIds: sources,
          into: into === '__new__' ? { newId: ids.a, name: name.trim(), kind } : { id: into },
          ...(into === '__new__' ? { parentId: parentId || null } : {}),
          from,
        });
      if (op === 'split')
        await api.call('register.splitArea', {
          id: area!.id,
          from,
          keepSource: keep,
          parts: parts.map((p, i) => ({ newId: ids.parts[i]!, name: p.name.trim(), kind: area!.kind, pointIds: p.points, areaIds: [] })),
        });
      onClose();
    } catch (err) {
      const f = fieldError(t, err);
      if (f) setErrors({ [f.field]: f.text });
      else setError(errorText(t, err));
    }
  };

  const title = {
    new: t('register.area.newTitle'),
    correct: t('register.area.correct'),
    rename: t('register.area.rename'),
    move: t('register.area.move'),
    merge: t('register.area.mergeTitle'),
    split: t('register.area.splitTitle', { name: area?.name ?? '' }),
  }[op];
  const nameField = (label: string) => (
    <Field id="area-name" label={label} error={errors.name} wide>
      <input
        id="area-name"
        className="input"
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={errors.name ? true : undefined}
        aria-describedby={errors.name ? 'area-name-error' : undefined}
      />
    </Field>
  );
  const kindField = (
    <Field id="area-kind" label={t('register.area.kind')}>
      <select id="area-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {AREA_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`register.area.kinds.${k}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  const parentField = (exclude: string[]) => (
    <Field id="area-parent" label={t('register.area.parent')} wide>
      <select id="area-parent" className="input" value={parentId} onChange={(e) => setParentId(e.target.value)}>
        <option value="">{t('register.area.top')}</option>
        <AreaOptions areas={areas} exclude={exclude} />
      </select>
    </Field>
  );
  const fromField = (
    <Field id="area-from" label={t('register.area.from')} error={errors.from}>
      <input id="area-from" type="date" className="input" value={from} max={today()} onChange={(e) => setFrom(e.target.value)} />
    </Field>
  );
  return (
    <Dialog
      title={title}
      submitLabel={t('register.actions.save')}
      cancelLabel={t('register.actions.cancel')}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <div className="form-grid form-grid--editor">
        {op === 'new' ? (
          <>
            {nameField(t('register.area.name'))}
            {kindField}
            {parentField([])}
          </>
        ) : null}
        {op === 'correct' ? (
          <>
            {nameField(t('register.area.name'))}
            {kindField}
          </>
        ) : null}
        {op === 'rename' ? (
          <>
            {nameField(t('register.area.name'))}
            {fromField}
          </>
        ) : null}
        {op === 'move' ? (
          <>
            {parentField([area!.id])}
            {fromField}
          </>
        ) : null}
        {op === 'merge' ? (
          <>
            <fieldset className="fieldset field--wide area-checklist">
              <legend>{t('register.area.mergeSources')}</legend>
              {areas
                .filter((a) => !a.retiredOn)
                .map((a) => (
                  <label key={a.id} className="check" style={{ paddingLeft: `${a.depth}rem` }}>
                    <input
                      type="checkbox"
                      className="checkbox"
                      checked={sources.includes(a.id)}
                      onChange={() => setSources(sources.includes(a.id) ? sources.filter((x) => x !== a.id) : [...sources, a.id])}
                    />
                    {a.name}
                  </label>
                ))}
            </fieldset>
            <Field id="area-into" label={t('register.area.mergeInto')} wide>
              <select id="area-into" className="input" value={into} onChange={(e) => setInto(e.target.value)}>
                <option value="__new__">{t('register.area.mergeNew')}</option>
                <AreaOptions areas={areas} exclude={sources} />
              </select>
            </Field>
            {into === '__new__' ? (
              <>
                {nameField(t('register.area.newName'))}
                {kindField}
                {parentField(sources)}
              </>
            ) : null}
            {fromField}
          </>
        ) : null}
        {op === 'split' ? (
          <>
            {fromField}
            <label className="check field--wide">
              <input type="checkbox" className="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
              {t('register.area.keepSource', { name: area!.name })}
            </label>
            {parts.map((p, i) => (
              <fieldset key={i} className="fieldset field--wide">
                <legend>{t('register.area.part', { n: i + 1 })}</legend>
                <Field id={`area-part${i}`} label={t('register.area.name')} error={errors[`part${i}`]}>
                  <input
                    id={`area-part${i}`}
                    className="input"
                    value={p.name}
                    onChange={(e) => setParts(parts.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                  />
                </Field>
                <div className="area-checklist" role="group" aria-label={t('register.area.partPoints')}>
                  {points.map((pt) => (
                    <label key={pt.id} className="check">
                      <input
                        type="checkbox"
                        className="checkbox"
                        checked={p.points.includes(pt.id)}
                        onChange={() =>
                          setParts(
                            parts.map((x, j) =>
                              j === i
                                ? { ...x, points: x.points.includes(pt.id) ? x.points.filter((y) => y !== pt.id) : [...x.points, pt.id] }
                                : { ...x, points: x.points.filter((y) => y !== pt.id) },
                            ),
                          )
                        }
                      />
                      {pt.name}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            {parts.length < 6 ? (
              <button type="button" className="button button--quiet" onClick={() => setParts([...parts, { name: '', points: [] }])}>
                {t('register.area.addPart')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
