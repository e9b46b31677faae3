// A PTZ tile's view of its camera: capabilities, who holds it and any patrol (live, from the
// core's ptz.lock / ptz.patrol / ptz.alert events), the drive that sends held moves, and the
// one-shot commands. Refusals become a message naming who holds the camera.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patrol, PatrolRun, PtzLock, PtzPreset, PtzState } from '../../shared/contract';
import { ApiError, errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { PtzDrive } from './ptz-drive';
import { lockHolderText } from './lock-text';

export interface PtzMessage {
  kind: 'error' | 'info';
  text: string;
}

export function usePtz(cameraId: string) {
  const { t } = useTranslation();
  const { api, session, can } = useApp();
  const [state, setState] = useState<PtzState | null>(null);
  const [lock, setLock] = useState<PtzLock | null>(null);
  const [patrol, setPatrol] = useState<PatrolRun | null>(null);
  const [message, setMessage] = useState<PtzMessage | null>(null);
  const [presets, setPresets] = useState<PtzPreset[]>([]);
  const [patrols, setPatrols] = useState<Patrol[]>([]);

  const fail = useCallback(
    (err: unknown) => {
      const info = err instanceof ApiError ? err.info : null;
      // "Controlled by <name> (<role>)": the role in this console's language.
      const text =
        info?.code === 'ptz_locked'
          ? t('ptz.refused', { holder: lockHolderText(t, { displayName: String(info.params.holder), role: String(info.params.role), roleName: String(info.params.roleName), roleBuiltin: info.params.roleBuiltin === true }) })
          : errorText(t, err);
      setMessage({ kind: 'error', text });
    },
    [t],
  );

  useEffect(() => {
    let alive = true;
    api.call('ptz.state', { cameraId }).then((s) => {
      if (!alive) return;
      setState(s);
      setLock(s.lock);
      setPatrol(s.patrol);
    }, fail);
    const offs = [
      api.on('ptz.lock', (e) => e.cameraId === cameraId && setLock(e.lock)),
      api.on('ptz.patrol', (e) => e.cameraId === cameraId && setPatrol(e.patrol)),
      api.on('ptz.alert', (e) => e.cameraId === cameraId && setMessage({ kind: 'error', text: t(`ptz.alert.${e.alert}`, { attempts: e.attempts }) })),
    ];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [api, cameraId, fail, t]);

  const drive = useMemo(
    () =>
      new PtzDrive(
        {
          move: (velocity) => api.call('ptz.move', { cameraId, velocity }),
          hold: () => api.call('ptz.hold', { cameraId }).then((r) => r.moving),
          stop: () => api.call('ptz.stop', { cameraId }),
        },
        fail,
      ),
    [api, cameraId, fail],
  );
  useEffect(() => () => drive.dispose(), [drive]);

  const me = session.user.id;
  const rank = session.ptzRank;
  const canSteer = !lock || lock.userId === me || rank > lock.rank || (lock.patrol !== null && rank >= lock.rank);
  const canRelease = !!lock && (lock.userId === me || can('users.manage'));

  const run = useCallback(
    <T,>(p: Promise<T>): Promise<T | undefined> =>
      p.then(
        (v) => {
          setMessage(null);
          return v;
        },
        (err: unknown) => {
          fail(err);
          return undefined;
        },
      ),
    [fail],
  );

  const loadPresets = useCallback(() => run(api.call('ptz.presets', { cameraId })).then((p) => p && setPresets(p)), [api, cameraId, run]);
  const loadPatrols = useCallback(() => run(api.call('ptz.patrols', { cameraId })).then((p) => p && setPatrols(p)), [api, cameraId, run]);

  const commands = useMemo(
    () => ({
      home: () => void run(api.call('ptz.home', { cameraId })),
      stop: () => {
        drive.releaseAll();
        void run(api.call('ptz.stop', { cameraId }));
      },
      release: () => void run(api.call('ptz.release', { cameraId })),
      gotoPreset: (token: string) => void run(api.call('ptz.gotoPreset', { cameraId, token })),
      savePreset: (name: string, token?: string) => run(api.call('ptz.savePreset', { cameraId, name, ...(token ? { token } : {}) })).then(loadPresets),
      renamePreset: (token: string, name: string) => run(api.call('ptz.renamePreset', { cameraId, token, name })).then(loadPresets),
      deletePreset: (token: string) => run(api.call('ptz.deletePreset', { cameraId, token })).then(loadPresets),
      centre: (x: number, y: number, aspect: number) => void run(api.call('ptz.centre', { cameraId, target: { x, y, aspect } })),
      zoomBox: (box: { x: number; y: number; w: number; h: number }, aspect: number) => void run(api.call('ptz.zoomBox', { cameraId, box: { ...box, aspect } })),
      savePatrol: (name: string, steps: { presetToken: string; dwellSeconds: number }[]) => run(api.call('ptz.savePatrol', { cameraId, name, steps })).then(loadPatrols),
      startPatrol: (patrolId: string) => void run(api.call('ptz.startPatrol', { cameraId, patrolId })),
      stopPatrol: () => void run(api.call('ptz.stopPatrol', { cameraId })),
      deletePatrol: (patrolId: string) => run(api.call('ptz.deletePatrol', { cameraId, patrolId })).then(loadPatrols),
    }),
    [api, cameraId, drive, run, loadPresets, loadPatrols],
  );

  return { state, lock, patrol, message, setMessage, drive, canSteer, canRelease, me, presets, patrols, loadPresets, loadPatrols, commands };
}

export type PtzHandle = ReturnType<typeof usePtz>;
