// Adds a camera by hand: where it is (area and point, picked or typed new) and how to reach its
// streams. ONVIF discovery and bulk import come with the register issue; this is the manual path
// a technician needs on day one.
// Each create carries an id chosen once per dialog: a save retried after a lost answer (or after
// the camera step failed) finds the area, point and camera the first try made instead of adding
// another of each. Problems are shown beside their field, in the console's language.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCameraUrl, type RegisterTree } from '../../shared/contract';
import { errorText, fieldError } from '../api/client';
import { newId } from '../api/new-id';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';

const NEW = '__new__';

type Field = 'areaName' | 'pointName' | 'name' | 'rtspMain' | 'rtspSub' | 'username' | 'password';
/** Where the core's field names land in this form. */
const SERVER_FIELDS: Record<string, Field> = { name: 'name', rtspMain: 'rtspMain', rtspSub: 'rtspSub', username: 'username', password: 'password' };

/** A labelled input with its problem, if any, below it (named by aria-describedby, not the label). */
function FormField({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className="field field--stack">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function AddCameraDialog({ tree, onClose }: { tree: RegisterTree; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [ids] = useState(() => ({ area: newId(), point: newId(), camera: newId() }));
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
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  // The area may be one this dialog created a moment ago (then the tree reloaded): it is still "new".
  const newArea = areaId === NEW || areaId === ids.area;
  const points = tree.points.filter((p) => p.areaId === (newArea ? ids.area : areaId));
  const newPoint = !points.some((p) => p.id === pointId) || pointId === ids.point;

  /** What can be told before asking the core; the core checks everything again. */
  const localProblems = (): Partial<Record<Field, string>> => {
    const out: Partial<Record<Field, string>> = {};
    const required = t('problems.required');
    if (newArea && !areaName.trim()) out.areaName = required;
    if (newPoint && !pointName.trim()) out.pointName = required;
    if (!name.trim()) out.name = required;
    if (!rtspMain.trim()) out.rtspMain = required;
    for (const [field, value] of [
      ['rtspMain', rtspMain],
      ['rtspSub', rtspSub],
    ] as const) {
      if (!value.trim() || out[field]) continue;
      const r = parseCameraUrl(value.trim(), 'stream');
      if (!r.ok) out[field] = t(`problems.${r.problem}`);
    }
    return out;
  };

  const submit = async () => {
    setError(null);
    const local = localProblems();
    setFieldErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      const area = newArea
        ? (await api.call('register.createArea', { id: ids.area, parentId: null, name: areaName.trim(), kind: 'ward' })).id
        : areaId;
      const point = newPoint ? (await api.call('register.createPoint', { id: ids.point, areaId: area, name: pointName.trim() })).id : pointId;
      await api.call('register.createCamera', {
        id: ids.camera,
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
      const f = fieldError(t, err);
      const target = f ? SERVER_FIELDS[f.field] : undefined;
      if (f && target) setFieldErrors({ [target]: f.text });
      else setError(errorText(t, err));
    }
  };

  const invalid = (f: Field) => (fieldErrors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `cam-${f}-error` } : {});

  return (
    <Dialog
      title={t('pages.cameras.add')}
      submitLabel={t('pages.wall.save')}
      cancelLabel={t('pages.wall.cancel')}
      onClose={onClose}
      onSubmit={() => void submit()}
      noValidate
    >
      <div className="form-grid">
        <label className="field field--stack">
          <span>{t('pages.cameras.columns.area')}</span>
          <select className="input" value={newArea ? NEW : areaId} onChange={(e) => setAreaId(e.target.value)}>
            {tree.areas
              .filter((a) => a.id !== ids.area)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            <option value={NEW}>{t('pages.cameras.newArea')}</option>
          </select>
        </label>
        {newArea ? (
          <FormField id="cam-areaName" label={t('pages.cameras.areaName')} error={fieldErrors.areaName}>
            <input
              id="cam-areaName"
              className="input"
              required
              value={areaName}
              onChange={(e) => setAreaName(e.target.value)}
              {...invalid('areaName')}
            />
          </FormField>
        ) : null}
        <label className="field field--stack">
          <span>{t('pages.cameras.columns.point')}</span>
          <select className="input" value={newPoint ? NEW : pointId} onChange={(e) => setPointId(e.target.value)}>
            {points
              .filter((p) => p.id !== ids.point)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            <option value={NEW}>{t('pages.cameras.newPoint')}</option>
          </select>
        </label>
        {newPoint ? (
          <FormField id="cam-pointName" label={t('pages.cameras.pointName')} error={fieldErrors.pointName}>
            <input
              id="cam-pointName"
              className="input"
              required
              value={pointName}
              onChange={(e) => setPointName(e.target.value)}
              {...invalid('pointName')}
            />
          </FormField>
        ) : null}
        <FormField id="cam-name" label={t('pages.cameras.columns.name')} error={fieldErrors.name}>
          <input
            id="cam-name"
            className="input"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...invalid('name')}
          />
        </FormField>
        <FormField id="cam-rtspMain" label={t('pages.cameras.rtspMain')} error={fieldErrors.rtspMain}>
          <input
            id="cam-rtspMain"
            className="input mono"
            required
            placeholder="rtsp://192.0.2.10:554/Streaming/Channels/101"
            value={rtspMain}
            onChange={(e) => setRtspMain(e.target.value)}
            {...invalid('rtspMain')}
          />
        </FormField>
        <FormField id="cam-rtspSub" label={t('pages.cameras.rtspSub')} error={fieldErrors.rtspSub}>
          <input
            id="cam-rtspSub"
            className="input mono"
            placeholder="rtsp://192.0.2.10:554/Streaming/Channels/102"
            value={rtspSub}
            onChange={(e) => setRtspSub(e.target.value)}
            {...invalid('rtspSub')}
          />
        </FormField>
        <FormField id="cam-username" label={t('pages.cameras.username')} error={fieldErrors.username}>
          <input
            id="cam-username"
            className="input"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            {...invalid('username')}
          />
        </FormField>
        <FormField id="cam-password" label={t('pages.cameras.password')} error={fieldErrors.password}>
          <input
            id="cam-password"
            className="input"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...invalid('password')}
          />
        </FormField>
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
