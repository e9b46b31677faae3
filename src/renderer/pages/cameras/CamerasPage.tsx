import { useMemo, useState } from 'react';
import { useApp } from '../../app/app-context';
import { useTranslation } from 'react-i18next';
import { matchesSearch } from '../../../shared/text';
import { EmptyState } from '../../app/EmptyState';
import { StartDemoButton } from '../../demo/StartDemoButton';
import { Page } from '../../app/Page';
import { AddCameraDialog } from '../../register/AddCameraDialog';
import { HealthDot, healthOf } from '../../health/HealthDot';
import { useHealth } from '../../health/HealthProvider';
import { useRegister } from '../../register/use-register';

export function CamerasPage() {
  const { t } = useTranslation();
  const tree = useRegister();
  const { api, can } = useApp();
  const canManage = can('register.manage');
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const { byCamera } = useHealth();

  const rows = useMemo(() => {
    if (!tree) return [];
    const points = new Map(tree.points.map((p) => [p.id, p]));
    const areas = new Map(tree.areas.map((a) => [a.id, a]));
    return tree.cameras
      .map((c) => {
        const point = points.get(c.pointId);
        const area = point ? areas.get(point.areaId) : undefined;
        return { camera: c, point: point?.name ?? '', area: area?.name ?? '' };
      })
      .filter((r) => !query || matchesSearch(`${r.camera.name} ${r.point} ${r.area}`, query));
  }, [tree, query]);

  const tools = (
    <>
      {tree && tree.cameras.length > 0 ? (
        <input
          type="search"
          className="input"
          aria-label={t('pages.cameras.search')}
          placeholder={t('pages.cameras.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      ) : null}
      {tree ? (
        <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
          {t('pages.cameras.add')}
        </button>
      ) : null}
    </>
  );

  return (
    <Page title={t('pages.cameras.title')} tools={tools}>
      {!tree ? (
        <p role="status">{t('common.loading')}</p>
      ) : tree.cameras.length === 0 && tree.areas.length === 0 ? (
        <EmptyState title={t('pages.cameras.emptyTitle')} body={t('pages.cameras.emptyBody')}>
          <StartDemoButton />
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {t('pages.cameras.summary', {
              areas: t('counts.areas', { count: tree.areas.length }),
              points: t('counts.points', { count: tree.points.length }),
              cameras: t('counts.cameras', { count: tree.cameras.length }),
            })}
          </p>
          {rows.length === 0 && query ? (
            <p role="status">{t('pages.cameras.noMatch', { query })}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('pages.cameras.columns.name')}</th>
                  <th scope="col">{t('pages.cameras.columns.point')}</th>
                  <th scope="col">{t('pages.cameras.columns.area')}</th>
                  <th scope="col">{t('pages.cameras.columns.status')}</th>
                  <th scope="col">{t('pages.cameras.columns.now')}</th>
                  <th scope="col">{t('pages.cameras.columns.ptz')}</th>
                  <th scope="col">{t('pages.cameras.columns.stream')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ camera, point, area }) => (
                  <tr key={camera.id}>
                    <th scope="row">{camera.name}</th>
                    <td>{point}</td>
                    <td>{area}</td>
                    <td>
                      <span className={`badge badge--${camera.status}`}>{t(`camera.status.${camera.status}`)}</span>
                    </td>
                    <td className="nowrap">
                      <HealthDot camera={camera} /> {t(`health.${healthOf(camera, byCamera).state}`)}
                    </td>
                    <td>{camera.ptz ? t('common.yes') : t('common.no')}</td>
                    <td>
                      {canManage ? (
                        <select
                          className="input input--compact"
                          aria-label={t('pages.cameras.streamFor', { name: camera.name })}
                          value={camera.preferredStream}
                          onChange={(e) => void api.call('register.setPreferredStream', { cameraId: camera.id, stream: e.target.value as 'auto' | 'main' | 'sub' })}
                        >
                          <option value="auto">{t('pages.wall.stream.auto')}</option>
                          <option value="main">{t('pages.wall.stream.main')}</option>
                          <option value="sub">{t('pages.wall.stream.sub')}</option>
                        </select>
                      ) : (
                        t(`pages.wall.stream.${camera.preferredStream}`)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {adding && tree ? <AddCameraDialog tree={tree} onClose={() => setAdding(false)} /> : null}
    </Page>
  );
}
