// The PTZ panel over a tile: eight directions and zoom (press and hold), speed, presets (go,
// save current, rename, delete), home, patrols, and letting go. Every button runs an action
// through the registry, as the keys, the joystick and the command palette do.
import { useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useActionRegistry } from '../actions/ActionsProvider';
import { SPEEDS } from './ptz-actions';
import type { Direction } from './ptz-drive';
import type { PtzHandle } from './use-ptz';

const PAD: (Direction | 'stop')[] = ['upLeft', 'up', 'upRight', 'left', 'stop', 'right', 'downLeft', 'down', 'downRight'];
const ARROWS: Record<Direction | 'stop', string> = {
  upLeft: '↖',
  up: '↑',
  upRight: '↗',
  left: '←',
  stop: '■',
  right: '→',
  downLeft: '↙',
  down: '↓',
  downRight: '↘',
  zoomIn: '+',
  zoomOut: '−',
};
const KEY_HINT: Partial<Record<Direction, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  zoomIn: '+',
  zoomOut: '−',
  upLeft: 'Home',
  upRight: 'PgUp',
  downLeft: 'End',
  downRight: 'PgDn',
};

/** A press-and-hold button: pointer down presses the action, up/leave/cancel lets go. */
function HoldButton({ dir, held }: { dir: Direction; held: boolean }) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const name = `ptz.${dir}`;
  const holdKey = (e: PointerEvent) => `pointer:${e.pointerId}:${name}`;
  const label = t(`ptz.actions.${dir}`);
  return (
    <button
      type="button"
      className={`ptz-pad__button ptz-pad__button--${dir}${held ? ' ptz-pad__button--held' : ''}`}
      aria-label={label}
      title={`${label} (${KEY_HINT[dir]})`}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        registry.press(name, holdKey(e));
      }}
      onPointerUp={(e) => registry.releaseHeld(holdKey(e))}
      onPointerCancel={(e) => registry.releaseHeld(holdKey(e))}
      onLostPointerCapture={(e) => registry.releaseHeld(holdKey(e))}
      // Enter or Space on a focused button: a short nudge (there is no key-up to hold on).
      onClick={(e) => {
        if (e.detail !== 0) return;
        registry.press(name, `nudge:${name}`);
        setTimeout(() => registry.releaseHeld(`nudge:${name}`), 300);
      }}
    >
      {ARROWS[dir]}
    </button>
  );
}

export function PtzPanel({
  ptz,
  cameraName,
  speed,
  onSpeed,
  compact = false,
}: {
  ptz: PtzHandle;
  cameraName: string;
  speed: number;
  onSpeed(s: number): void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const [preset, setPreset] = useState('');
  const [editing, setEditing] = useState<null | { kind: 'save' | 'rename'; name: string }>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [patrolId, setPatrolId] = useState('');
  const [newPatrol, setNewPatrol] = useState<null | { name: string; dwell: number; tokens: string[] }>(null);
  // Someone else holds the camera: the pad is dimmed, and the core answers any command with who.
  const steer = !ptz.canSteer;
  const selected = ptz.presets.find((p) => p.token === preset) ?? null;
  const caps = ptz.state?.capabilities;

  const submitName = () => {
    if (!editing || !editing.name.trim()) return;
    const name = editing.name.trim();
    if (editing.kind === 'save') void ptz.commands.savePreset(name);
    else if (selected) void ptz.commands.renamePreset(selected.token, name);
    setEditing(null);
  };

  return (
    <div
      className={`ptz-panel${compact ? ' ptz-panel--compact' : ''}`}
      role="group"
      aria-label={t('ptz.panel', { name: cameraName })}
      // The panel is not part of the picture: no tile selection, no aiming, no maximise from here.
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <div className="ptz-panel__row">
        <div className="ptz-pad">
          {PAD.map((d) =>
            d === 'stop' ? (
              <button
                key="stop"
                type="button"
                className="ptz-pad__button ptz-pad__button--stop"
                aria-label={t('ptz.actions.stop')}
                title={t('ptz.actions.stop')}
                onClick={() => registry.run('ptz.stop')}
              >
                {ARROWS.stop}
              </button>
            ) : (
              <HoldButton key={d} dir={d} held={steer} />
            ),
          )}
        </div>
        <div className="ptz-zoom">
          <HoldButton dir="zoomIn" held={steer} />
          <HoldButton dir="zoomOut" held={steer} />
        </div>
        <div className="ptz-side">
          <label className="ptz-speed">
            <span>{t('ptz.speed')}</span>
            <input
              type="range"
              min={0}
              max={SPEEDS.length - 1}
              step={1}
              value={Math.max(
                0,
                SPEEDS.findIndex((s) => s >= speed - 1e-6),
              )}
              onChange={(e) => onSpeed(SPEEDS[Number(e.target.value)]!)}
              aria-valuetext={`${Math.round(speed * 100)} %`}
              title={`${t('ptz.speed')} ([ ])`}
            />
            <output>{Math.round(speed * 100)}%</output>
          </label>
          <button
            type="button"
            className="ptz-button"
            disabled={caps?.home === false}
            onClick={() => registry.run('ptz.home')}
            title={`${t('ptz.actions.home')} (H)`}
          >
            {t('ptz.home')}
          </button>
          {ptz.canRelease ? (
            <button type="button" className="ptz-button" onClick={() => registry.run('ptz.release')}>
              {t('ptz.letGo')}
            </button>
          ) : null}
        </div>
      </div>

      {caps?.presets !== false ? (
        <div className="ptz-panel__row ptz-panel__row--wrap">
          <select
            className="ptz-select"
            aria-label={t('ptz.presets')}
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
            onFocus={() => void ptz.loadPresets()}
          >
            <option value="">{ptz.presets.length ? t('ptz.choosePreset') : t('ptz.noPresets')}</option>
            {ptz.presets.map((p) => (
              <option key={p.token} value={p.token}>
                {p.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="ptz-button"
            disabled={!selected}
            onClick={() => selected && registry.run('ptz.gotoPreset', selected.token)}
          >
            {t('ptz.go')}
          </button>
          {compact ? null : (
            <>
              <button type="button" className="ptz-button" onClick={() => setEditing({ kind: 'save', name: '' })}>
                {t('ptz.save')}
              </button>
              <button
                type="button"
                className="ptz-button"
                disabled={!selected}
                onClick={() => selected && setEditing({ kind: 'rename', name: selected.name })}
              >
                {t('ptz.rename')}
              </button>
              <button type="button" className="ptz-button" disabled={!selected} onClick={() => setConfirmDelete(true)}>
                {t('ptz.delete')}
              </button>
            </>
          )}
        </div>
      ) : null}
      {editing && !compact ? (
        <form
          className="ptz-panel__row"
          onSubmit={(e) => {
            e.preventDefault();
            submitName();
          }}
        >
          <input
            className="ptz-input"
            autoFocus
            maxLength={100}
            aria-label={t('ptz.presetName')}
            placeholder={t('ptz.presetName')}
            value={editing.name}
            onChange={(e) => setEditing({ ...editing, name: e.target.value })}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
          />
          <button type="submit" className="ptz-button ptz-button--primary">
            {t('ptz.ok')}
          </button>
          <button type="button" className="ptz-button" onClick={() => setEditing(null)}>
            {t('ptz.cancel')}
          </button>
        </form>
      ) : null}
      {confirmDelete && selected && !compact ? (
        <div className="ptz-panel__row" role="alertdialog" aria-label={t('ptz.confirmDelete', { name: selected.name })}>
          <span>{t('ptz.confirmDelete', { name: selected.name })}</span>
          <button
            type="button"
            className="ptz-button ptz-button--danger"
            onClick={() => {
              setConfirmDelete(false);
              setPreset('');
              void ptz.commands.deletePreset(selected.token);
            }}
          >
            {t('ptz.delete')}
          </button>
          <button type="button" className="ptz-button" onClick={() => setConfirmDelete(false)}>
            {t('ptz.cancel')}
          </button>
        </div>
      ) : null}

      {compact && !ptz.patrol ? null : (
        <div className="ptz-panel__row ptz-panel__row--wrap">
          {ptz.patrol ? (
            <>
              <span className="ptz-patrol" role="status">
                {t('ptz.patrolRunning', { name: ptz.patrol.name, step: ptz.patrol.step + 1, count: ptz.patrol.steps })}
              </span>
              <button type="button" className="ptz-button" onClick={() => ptz.commands.stopPatrol()}>
                {t('ptz.stopPatrol')}
              </button>
            </>
          ) : (
            <>
              <select
                className="ptz-select"
                aria-label={t('ptz.patrol')}
                value={patrolId}
                onChange={(e) => setPatrolId(e.target.value)}
                onFocus={() => void ptz.loadPatrols()}
              >
                <option value="">{ptz.patrols.length ? t('ptz.choosePatrol') : t('ptz.noPatrols')}</option>
                {ptz.patrols.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <button type="button" className="ptz-button" disabled={!patrolId} onClick={() => ptz.commands.startPatrol(patrolId)}>
                {t('ptz.startPatrol')}
              </button>
              <button
                type="button"
                className="ptz-button"
                disabled={ptz.presets.length < 2}
                onClick={() => setNewPatrol({ name: '', dwell: 10, tokens: ptz.presets.map((p) => p.token) })}
                title={ptz.presets.length < 2 ? t('ptz.patrolNeedsPresets') : undefined}
              >
                {t('ptz.newPatrol')}
              </button>
            </>
          )}
        </div>
      )}
      {newPatrol && !compact ? (
        <form
          className="ptz-patrol-editor"
          aria-label={t('ptz.newPatrol')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!newPatrol.name.trim() || newPatrol.tokens.length < 1) return;
            const order = ptz.presets.map((p) => p.token).filter((tk) => newPatrol.tokens.includes(tk));
            void ptz.commands.savePatrol(
              newPatrol.name.trim(),
              order.map((presetToken) => ({ presetToken, dwellSeconds: newPatrol.dwell })),
            );
            setNewPatrol(null);
          }}
        >
          <input
            className="ptz-input"
            autoFocus
            maxLength={100}
            aria-label={t('ptz.patrolName')}
            placeholder={t('ptz.patrolName')}
            value={newPatrol.name}
            onChange={(e) => setNewPatrol({ ...newPatrol, name: e.target.value })}
          />
          <label className="ptz-inline">
            <span>{t('ptz.dwell')}</span>
            <input
              className="ptz-input ptz-input--narrow"
              type="number"
              min={2}
              max={3600}
              value={newPatrol.dwell}
              onChange={(e) => setNewPatrol({ ...newPatrol, dwell: Math.max(2, Number(e.target.value) || 2) })}
            />
          </label>
          <fieldset className="ptz-steps">
            <legend>{t('ptz.patrolSteps')}</legend>
            {ptz.presets.map((p) => (
              <label key={p.token} className="ptz-inline">
                <input
                  type="checkbox"
                  checked={newPatrol.tokens.includes(p.token)}
                  onChange={(e) =>
                    setNewPatrol({
                      ...newPatrol,
                      tokens: e.target.checked ? [...newPatrol.tokens, p.token] : newPatrol.tokens.filter((x) => x !== p.token),
                    })
                  }
                />
                {p.name}
              </label>
            ))}
          </fieldset>
          <div className="ptz-panel__row">
            <button type="submit" className="ptz-button ptz-button--primary">
              {t('ptz.ok')}
            </button>
            <button type="button" className="ptz-button" onClick={() => setNewPatrol(null)}>
              {t('ptz.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {ptz.message ? (
        <p
          className={`ptz-message ptz-message--${ptz.message.kind}`}
          role={ptz.message.kind === 'error' ? 'alert' : 'status'}
          onClick={() => ptz.setMessage(null)}
        >
          {ptz.message.text}
        </p>
      ) : null}
    </div>
  );
}
