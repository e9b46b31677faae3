// The camera opened from the table: its register fields, what can be done with it, and its history.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraRecord } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { showDay } from './camera-columns';
import { CameraEditor } from './CameraEditor';
import { ConfirmDialog } from './ConfirmDialog';
import { HistoryList } from './HistoryList';

export function CameraDetail({ id, onClose }: { id: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { api, can } = useApp();
  const [camera, setCamera] = useState<CameraRecord | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'disable' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.call('register.camera', { id }).then(
        (c) => alive && setCamera(c),
        () => alive && onClose(),
      );
    void load();
    const off = api.on('register.changed', () => void load());
    return () => {
      alive = false;
      off();
    };
  }, [api, id, onClose]);
  if (!camera) return <aside className="detail" aria-busy="true" />;
  const manage = can('register.manage');
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const rows: [string, string][] = [
    ['status', t(`camera.status.${camera.status}`)],
    ['make', [camera.make, camera.model].filter(Boolean).join(' ')],
    ['serial', camera.serial],
    ['ownership', t(`register.enums.ownership.${camera.ownership}`) + (camera.fundingSource ? ` · ${camera.fundingSource}` : '')],
    ['transmission', t(`register.enums.transmission.${camera.transmission}`) + (camera.isp ? ` · ${t(`register.enums.isp.${camera.isp}`)}` : '')],
    ['heading', camera.heading !== null ? `${camera.heading}°${camera.fieldOfView ? ` / ${camera.fieldOfView}°` : ''}` : ''],
    ['frameRate', camera.frameRate !== null ? String(camera.frameRate) : ''],
    ['installDate', showDay(camera.installDate, i18n.language)],
    ['warrantyEnd', showDay(camera.warrantyEnd, i18n.language)],
    ['rtspMain', camera.rtspMain ?? ''],
    ['notes', camera.notes],
  ];
  return (
    <aside className="detail" aria-label={camera.name}>
      <header className="detail__head">
        <h2>{camera.name}</h2>
        <button type="button" className="button button--icon button--quiet" aria-label={t('register.actions.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {manage ? (
        <div className="row-actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {t('register.actions.edit')}
          </button>
          {camera.disabled ? (
            <button
              type="button"
              className="button"
              onClick={() => void act(() => api.call('register.setDisabled', { kind: 'camera', id, disabled: false }))}
            >
              {t('register.actions.enable')}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => setConfirm('disable')}>
              {t('register.actions.disable')}
            </button>
          )}
          <button type="button" className="button" onClick={() => setConfirm('delete')}>
            {t('register.actions.delete')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
      <dl className="detail__fields">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{t(`register.camera.${k}`)}</dt>
              <dd className={k === 'rtspMain' ? 'mono' : undefined}>{v}</dd>
            </div>
          ))}
      </dl>
      <h3>{t('register.history.title')}</h3>
      <HistoryList kind="camera" id={id} />
      {editing ? <CameraEditor camera={camera} onClose={() => setEditing(false)} /> : null}
      {confirm ? (
        <ConfirmDialog
          title={confirm === 'delete' ? t('register.actions.delete') : t('register.actions.disable')}
          text={t(confirm === 'delete' ? 'register.actions.confirmDelete' : 'register.actions.confirmDisable', { name: camera.name })}
          confirm={confirm === 'delete' ? t('register.actions.delete') : t('register.actions.disable')}
          cancel={t('register.actions.cancel')}
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            const what = confirm;
            setConfirm(null);
            void act(async () => {
              if (what === 'delete') {
                await api.call('register.delete', { kind: 'camera', id });
                onClose();
              } else await api.call('register.setDisabled', { kind: 'camera', id, disabled: true });
            });
          }}
        />
      ) : null}
    </aside>
  );
}
