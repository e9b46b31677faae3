// Edit every register field of a camera, with a connection test before saving (reaches the stream,
// reads its codec and resolution, or says why not). Problems are shown beside their field.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraRecord, MethodOutput } from '../../shared/contract';
import { CAMERA_STATUSES, ISPS, OWNERSHIPS, TRANSMISSIONS } from '../../shared/contract';
import { errorText, fieldError } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { PointPicker } from './PointPicker';

type Draft = Omit<CameraRecord, 'id' | 'hasPassword' | 'lastSeen' | 'disabled' | 'funding'> & { password: string };

export function Field({
  id,
  label,
  error,
  children,
  wide,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`field field--stack${wide ? ' field--wide' : ''}`}>
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

export function ConnectionTest({
  rtspMain,
  username,
  password,
  cameraId,
  transport,
}: {
  rtspMain: string;
  username: string | null;
  password: string | null;
  cameraId: string | null;
  transport: 'tcp' | 'udp';
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [state, setState] = useState<{ busy: boolean; result: MethodOutput<'register.testConnection'> | null }>({ busy: false, result: null });
  const run = async () => {
    setState({ busy: true, result: null });
    try {
      const result = await api.call('register.testConnection', { rtspMain, username, password, cameraId, rtspTransport: transport });
      setState({ busy: false, result });
    } catch (err) {
      setState({ busy: false, result: { ok: false, codec: null, width: null, height: null, fps: null, error: errorText(t, err) } });
    }
  };
  const r = state.result;
  return (
    <div className="connection-test">
      <button type="button" className="button" disabled={!rtspMain.trim() || state.busy} onClick={() => void run()}>
        {state.busy ? t('register.camera.testing') : t('register.camera.test')}
      </button>
      {r ? (
        <span role="status" className={`message ${r.ok ? 'message--ok' : 'message--error'}`}>
          {r.ok
            ? t('register.camera.testOk', {
                codec: (r.codec ?? '').toUpperCase(),
                width: r.width,
                height: r.height,
                fps: r.fps ? ` · ${r.fps} fps` : '',
              })
            : t('register.camera.testFailed', { reason: r.error && /^[a-z_]+$/.test(r.error) ? t(`errors.${r.error}`, { camera: '' }) : r.error })}
        </span>
      ) : null}
    </div>
  );
}

export function CameraEditor({ camera, onClose }: { camera: CameraRecord; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [d, setD] = useState<Draft>({ ...camera, password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const id = (k: string) => `cam-edit-${k}`;
  const invalid = (k: string) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `${id(k)}-error` } : {});
  const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));

  const save = async () => {
    setError(null);
    const local: Record<string, string> = {};
    if (!d.name.trim()) local.name = t('problems.required');
    for (const k of ['heading', 'fieldOfView', 'frameRate'] as const)
      if (d[k] !== null && !Number.isFinite(d[k])) local[k] = t('problems.bad_number', { defaultValue: t('errors.bad_request', { field: k }) });
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      const { password, ...rest } = d;
      await api.call('register.updateCamera', { ...rest, id: camera.id, password: password || null, keepPassword: true });
      onClose();
    } catch (err) {
      const f = fieldError(t, err);
      if (f) setErrors({ [f.field]: f.text });
      else setError(errorText(t, err));
    }
  };

  const text = (k: 'name' | 'make' | 'model' | 'serial' | 'fundingSource' | 'notes', extra: { wide?: boolean } = {}) => (
    <Field id={id(k)} label={t(`register.camera.${k}`)} error={errors[k]} wide={extra.wide ?? false}>
      <input id={id(k)} className="input" value={d[k]} onChange={(e) => set(k, e.target.value)} {...invalid(k)} />
    </Field>
  );
  const url = (k: 'rtspMain' | 'rtspSub' | 'onvifUrl') => (
    <Field id={id(k)} label={t(`register.camera.${k}`)} error={errors[k]} wide>
      <input id={id(k)} className="input mono" value={d[k] ?? ''} onChange={(e) => set(k, e.target.value || null)} {...invalid(k)} />
    </Field>
  );
  const select = <K extends 'status' | 'ownership' | 'transmission'>(k: K, options: readonly Draft[K][], label: (v: Draft[K]) => string) => (
    <Field id={id(k)} label={t(`register.camera.${k}`)} error={errors[k]}>
      <select id={id(k)} className="input" value={d[k]} onChange={(e) => set(k, e.target.value as Draft[K])}>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </Field>
  );
  const date = (k: 'installDate' | 'warrantyEnd') => (
    <Field id={id(k)} label={t(`register.camera.${k}`)} error={errors[k]}>
      <input id={id(k)} type="date" className="input" value={d[k] ?? ''} onChange={(e) => set(k, e.target.value || null)} {...invalid(k)} />
    </Field>
  );
  const number = (k: 'heading' | 'fieldOfView' | 'frameRate') => (
    <Field id={id(k)} label={t(`register.camera.${k}`)} error={errors[k]}>
      <input id={id(k)} className="input" inputMode="decimal" value={d[k] ?? ''} onChange={(e) => set(k, num(e.target.value))} {...invalid(k)} />
    </Field>
  );

  return (
    <Dialog
      title={t('register.camera.editTitle', { name: camera.name })}
      submitLabel={t('register.actions.save')}
      cancelLabel={t('register.actions.cancel')}
      onClose={onClose}
      onSubmit={() => void save()}
    >
      <div className="form-grid form-grid--editor">
        <h3 className="form-grid__section">{t('register.camera.sections.place')}</h3>
        <Field id={id('pointId')} label={t('register.camera.point')} error={errors.pointId} wide>
          <PointPicker id={id('pointId')} label={t('register.camera.point')} value={d.pointId} onChange={(v) => set('pointId', v)} />
        </Field>
        {text('name', { wide: true })}
        {number('heading')}
        {number('fieldOfView')}
        <h3 className="form-grid__section">{t('register.camera.sections.device')}</h3>
        {text('make')}
        {text('model')}
        {text('serial')}
        {number('frameRate')}
        <label className="check">
          <input type="checkbox" className="checkbox" checked={d.ptz} onChange={(e) => set('ptz', e.target.checked)} />
          {t('register.camera.ptz')}
        </label>
        <h3 className="form-grid__section">{t('register.camera.sections.access')}</h3>
        {url('rtspMain')}
        {url('rtspSub')}
        {url('onvifUrl')}
        <Field id={id('username')} label={t('register.camera.username')} error={errors.username}>
          <input
            id={id('username')}
            className="input"
            autoComplete="off"
            value={d.username ?? ''}
            onChange={(e) => set('username', e.target.value || null)}
          />
        </Field>
        <Field id={id('password')} label={t('register.camera.password')} error={errors.password}>
          <input
            id={id('password')}
            type="password"
            className="input"
            autoComplete="new-password"
            placeholder={camera.hasPassword ? t('register.camera.passwordKept') : ''}
            value={d.password}
            onChange={(e) => set('password', e.target.value)}
          />
        </Field>
        <Field id={id('preferredStream')} label={t('pages.cameras.columns.stream')}>
          <select
            id={id('preferredStream')}
            className="input"
            value={d.preferredStream}
            onChange={(e) => set('preferredStream', e.target.value as Draft['preferredStream'])}
          >
            {(['auto', 'main', 'sub'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`pages.wall.stream.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('rtspTransport')} label={t('register.camera.transport')}>
          <select
            id={id('rtspTransport')}
            className="input"
            value={d.rtspTransport}
            onChange={(e) => set('rtspTransport', e.target.value as Draft['rtspTransport'])}
          >
            <option value="tcp">RTSP/TCP</option>
            <option value="udp">RTSP/UDP</option>
          </select>
        </Field>
        <div className="field--wide">
          <ConnectionTest
            rtspMain={d.rtspMain ?? ''}
            username={d.username}
            password={d.password || null}
            cameraId={camera.id}
            transport={d.rtspTransport}
          />
        </div>
        <h3 className="form-grid__section">{t('register.camera.sections.register')}</h3>
        {select('status', CAMERA_STATUSES, (v) => t(`camera.status.${v}`))}
        {select('ownership', OWNERSHIPS, (v) => t(`register.enums.ownership.${v}`))}
        {text('fundingSource')}
        {select('transmission', TRANSMISSIONS, (v) => t(`register.enums.transmission.${v}`))}
        <Field id={id('isp')} label={t('register.camera.isp')}>
          <select id={id('isp')} className="input" value={d.isp ?? ''} onChange={(e) => set('isp', (e.target.value || null) as Draft['isp'])}>
            <option value="">{t('register.camera.noIsp')}</option>
            {ISPS.map((o) => (
              <option key={o} value={o}>
                {t(`register.enums.isp.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        {date('installDate')}
        {date('warrantyEnd')}
        {text('notes', { wide: true })}
      </div>
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
