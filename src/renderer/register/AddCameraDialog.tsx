// Adds a camera by hand: where it is (area and point, picked or typed new) and how to reach its
// streams. ONVIF discovery and bulk import come with the register issue; this is the manual path
// a technician needs on day one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterTree } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';

const NEW = '__new__';

export function AddCameraDialog({ tree, onClose }: { tree: RegisterTree; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [areaId, setAreaId] = useState(tree.areas[0]?.id ?? NEW);
  const [areaName, setAreaName] = useState('');
  const [pointId, setPointId] = useState(NEW);
  const [pointName, setPointName] = useState('');
  const [name, setName] = useState('');
  const [rtspMain, setRtspMain] = useState('');
  const [rtspSub, setRtspSub] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [transport, setTransport] = useState<'tcp' | 'udp'>('tcp');
  const [error, setError] = useState<string | null>(null);
  const points = tree.points.filter((p) => p.areaId === areaId);

  const submit = async () => {
    setError(null);
    try {
      const area = areaId === NEW ? (await api.call('register.createArea', { parentId: null, name: areaName, kind: 'ward' })).id : areaId;
      const point = pointId === NEW || !points.some((p) => p.id === pointId) ? (await api.call('register.createPoint', { areaId: area, name: pointName })).id : pointId;
      await api.call('register.createCamera', {
        pointId: point,
        name,
        rtspMain: rtspMain.trim() || null,
        rtspSub: rtspSub.trim() || null,
        username: username.trim() || null,
        password: password || null,
        rtspTransport: transport,
      });
      onClose();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Dialog title={t('pages.cameras.add')} submitLabel={t('pages.wall.save')} cancelLabel={t('pages.wall.cancel')} onClose={onClose} onSubmit={() => void submit()}>
      <div className="form-grid">
        <label className="field field--stack">
          <span>{t('pages.cameras.columns.area')}</span>
          <select className="input" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            {tree.areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value={NEW}>{t('pages.cameras.newArea')}</option>
          </select>
        </label>
        {areaId === NEW ? (
          <label className="field field--stack">
            <span>{t('pages.cameras.areaName')}</span>
            <input className="input" required value={areaName} onChange={(e) => setAreaName(e.target.value)} />
          </label>
        ) : null}
        <label className="field field--stack">
          <span>{t('pages.cameras.columns.point')}</span>
          <select className="input" value={points.some((p) => p.id === pointId) ? pointId : NEW} onChange={(e) => setPointId(e.target.value)}>
            {points.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value={NEW}>{t('pages.cameras.newPoint')}</option>
          </select>
        </label>
        {!points.some((p) => p.id === pointId) ? (
          <label className="field field--stack">
            <span>{t('pages.cameras.pointName')}</span>
            <input className="input" required value={pointName} onChange={(e) => setPointName(e.target.value)} />
          </label>
        ) : null}
        <label className="field field--stack">
          <span>{t('pages.cameras.columns.name')}</span>
          <input className="input" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field field--stack">
          <span>{t('pages.cameras.rtspMain')}</span>
          <input className="input mono" required placeholder="rtsp://192.0.2.10:554/Streaming/Channels/101" value={rtspMain} onChange={(e) => setRtspMain(e.target.value)} />
        </label>
        <label className="field field--stack">
          <span>{t('pages.cameras.rtspSub')}</span>
          <input className="input mono" placeholder="rtsp://192.0.2.10:554/Streaming/Channels/102" value={rtspSub} onChange={(e) => setRtspSub(e.target.value)} />
        </label>
        <label className="field field--stack">
          <span>{t('pages.cameras.username')}</span>
          <input className="input" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field field--stack">
          <span>{t('pages.cameras.password')}</span>
          <input className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="field field--stack">
          <span>{t('pages.cameras.transport')}</span>
          <select className="input" value={transport} onChange={(e) => setTransport(e.target.value as 'tcp' | 'udp')}>
            <option value="tcp">RTSP/TCP</option>
            <option value="udp">RTSP/UDP</option>
          </select>
        </label>
      </div>
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
