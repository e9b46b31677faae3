// Where new cameras go: an area and a point picked from the register, or typed new. `resolve()`
// creates what was typed and answers the point's id.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterTree } from '../../shared/contract';
import { useApp } from '../app/app-context';

const NEW = '__new__';

export function usePlace(tree: RegisterTree) {
  const { api } = useApp();
  const [areaId, setAreaId] = useState(tree.areas[0]?.id ?? NEW);
  const [areaName, setAreaName] = useState('');
  const [pointId, setPointId] = useState(tree.points.find((p) => p.areaId === tree.areas[0]?.id)?.id ?? NEW);
  const [pointName, setPointName] = useState('');
  const points = tree.points.filter((p) => p.areaId === areaId);
  const pointKnown = points.some((p) => p.id === pointId);
  const ready = (areaId !== NEW || areaName.trim() !== '') && (pointKnown || pointName.trim() !== '');

  const resolve = useCallback(async (): Promise<string> => {
    const area = areaId === NEW ? (await api.call('register.createArea', { parentId: null, name: areaName, kind: 'ward' })).id : areaId;
    const point = pointKnown ? pointId : (await api.call('register.createPoint', { areaId: area, name: pointName })).id;
    // What was typed now exists: a second batch goes to the same place, not to a twin of it.
    setAreaId(area);
    setPointId(point);
    return point;
  }, [api, areaId, areaName, pointId, pointName, pointKnown]);

  return { tree, areaId, setAreaId, areaName, setAreaName, pointId, setPointId, pointName, setPointName, points, pointKnown, ready, resolve };
}

export function PlacePicker({ place }: { place: ReturnType<typeof usePlace> }) {
  const { t } = useTranslation();
  const p = place;
  return (
    <>
      <label className="field field--stack">
        <span>{t('pages.cameras.columns.area')}</span>
        <select className="input" value={p.areaId} onChange={(e) => p.setAreaId(e.target.value)}>
          {p.tree.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value={NEW}>{t('pages.cameras.newArea')}</option>
        </select>
      </label>
      {p.areaId === NEW ? (
        <label className="field field--stack">
          <span>{t('pages.cameras.areaName')}</span>
          <input className="input" required value={p.areaName} onChange={(e) => p.setAreaName(e.target.value)} />
        </label>
      ) : null}
      <label className="field field--stack">
        <span>{t('pages.cameras.columns.point')}</span>
        <select className="input" value={p.pointKnown ? p.pointId : NEW} onChange={(e) => p.setPointId(e.target.value)}>
          {p.points.map((pt) => (
            <option key={pt.id} value={pt.id}>
              {pt.name}
            </option>
          ))}
          <option value={NEW}>{t('pages.cameras.newPoint')}</option>
        </select>
      </label>
      {!p.pointKnown ? (
        <label className="field field--stack">
          <span>{t('pages.cameras.pointName')}</span>
          <input className="input" required value={p.pointName} onChange={(e) => p.setPointName(e.target.value)} />
        </label>
      ) : null}
    </>
  );
}
