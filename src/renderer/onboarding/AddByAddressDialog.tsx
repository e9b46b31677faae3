// "Add by address": the technician types an address and credentials, the core reads the camera
// (make, model, firmware, serial, MAC, streams, snapshot, PTZ, clock offset), the technician
// checks what it says, names it and places it at an area and point.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectedCamera, RegisterTree } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatOffset } from '../devices/use-devices';
import { PlacePicker, usePlace } from './PlacePicker';
import './onboarding.css';

export function AddByAddressDialog({ tree, onClose }: { tree: RegisterTree; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  const [address, setAddress] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'read' | 'add' | null>(null);
  const [seen, setSeen] = useState<InspectedCamera | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const place = usePlace(tree);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const read = async () => {
    setBusy('read');
    setError(null);
    setSeen(null);
    try {
      const s = await api.call('onboarding.inspect', { address, username, password });
      setSeen(s);
      setName(s.suggestedName);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const add = async () => {
    setBusy('add');
    setError(null);
    try {
      const pointId = await place.resolve();
      await api.call('onboarding.add', { address: seen?.deviceUrl ?? address, username, password, name, pointId });
      ref.current?.close();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const stream = (s: InspectedCamera['main']) =>
    s ? `${s.encoding ?? '?'} ${s.width ?? '?'}×${s.height ?? '?'} · ${s.uri}` : t('onboarding.none_');

  return (
    <dialog ref={ref} className="dialog onboard onboard--narrow" aria-label={t('onboarding.addByAddress')} onClose={onClose}>
      <h2>{t('onboarding.addByAddress')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void read();
        }}
      >
        <div className="form-grid">
          <label className="field field--stack onboard__wide">
            <span>{t('onboarding.address')}</span>
            <input className="input mono" required value={address} onChange={(e) => setAddress(e.target.value)} placeholder="192.0.2.10 · 192.0.2.10:8080 · http://192.0.2.10/onvif/device_service" />
          </label>
          <label className="field field--stack">
            <span>{t('onboarding.username')}</span>
            <input className="input" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="field field--stack">
            <span>{t('onboarding.password')}</span>
            <input className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        </div>
        <div className="onboard__actions">
          <button type="submit" className="button" disabled={busy !== null}>
            {busy === 'read' ? t('onboarding.reading') : t('onboarding.read')}
          </button>
        </div>
      </form>

      {seen ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <h3>{t('onboarding.found')}</h3>
          <dl className="onboard__facts">
            <dt>{t('onboarding.make')}</dt>
            <dd>
              {seen.manufacturer} {seen.model}
            </dd>
            <dt>{t('onboarding.firmware')}</dt>
            <dd>{seen.firmware || '–'}</dd>
            <dt>{t('onboarding.serial')}</dt>
            <dd className="mono">{seen.serial || '–'}</dd>
            <dt>{t('onboarding.mac')}</dt>
            <dd className="mono">{seen.mac ?? '–'}</dd>
            <dt>{t('onboarding.mainStream')}</dt>
            <dd className="mono">{stream(seen.main)}</dd>
            <dt>{t('onboarding.subStream')}</dt>
            <dd className="mono">{stream(seen.sub)}</dd>
            <dt>{t('onboarding.snapshot')}</dt>
            <dd>{seen.snapshotUri ? t('onboarding.yes') : t('onboarding.no')}</dd>
            <dt>{t('onboarding.ptz')}</dt>
            <dd>{seen.ptz ? t('onboarding.yes') : t('onboarding.no')}</dd>
            <dt>{t('onboarding.clock')}</dt>
            <dd className={seen.clockSkewed ? 'onboard__bad' : undefined}>
              {t(seen.clockSkewed ? 'onboarding.clockBad' : 'onboarding.clockOk', { offset: formatOffset(t, seen.clockOffsetMs) })}
            </dd>
          </dl>
          {seen.registered ? (
            <p role="alert" className="message message--error">
              {t('onboarding.alreadyRegistered', { name: seen.registered.name, by: t(`onboarding.by.${seen.registered.by}`) })}
            </p>
          ) : null}
          <div className="form-grid">
            <label className="field field--stack onboard__wide">
              <span>{t('onboarding.name')}</span>
              <input className="input" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <PlacePicker place={place} />
          </div>
          <div className="onboard__actions">
            <button type="submit" className="button button--primary" disabled={busy !== null || !place.ready || !!seen.registered || !seen.main}>
              {busy === 'add' ? t('onboarding.adding') : t('onboarding.add')}
            </button>
          </div>
        </form>
      ) : null}

      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          {t('onboarding.close')}
        </button>
      </div>
    </dialog>
  );
}
