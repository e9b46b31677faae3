// What a wall tile shows of PTZ (its one hook in Tile.tsx): who holds the camera, a PTZ toggle,
// and, while open, the panel and the aiming layer. A camera without PTZ, or a role without
// ptz.control, gets nothing. The selected tile's panel registers the steering actions (arrows,
// + and −, Home/PgUp/End/PgDn, [ ], H) and the joystick; P opens and closes the panel.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../shared/contract';
import type { PictureElement } from '../video/picture';
import { useActionRegistry, useActions } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { AimLayer } from './AimLayer';
import { lockText } from './lock-text';
import { PTZ_ACTIONS, PTZ_PANEL_ACTIONS, type PtzCtx, type PtzPanelCtx } from './ptz-actions';
import type { PtzDrive } from './ptz-drive';
import { PtzPanel } from './PtzPanel';
import { useGamepad } from './use-gamepad';
import { usePtz, type PtzHandle } from './use-ptz';
import './ptz.css';

const SPEED_KEY = 'wf.ptz.speed';

function storedSpeed(): number {
  try {
    const v = Number(localStorage.getItem(SPEED_KEY));
    return v > 0 && v <= 1 ? v : 0.5;
  } catch {
    return 0.5;
  }
}

interface SlotProps {
  camera: Camera | undefined;
  pictureRef: RefObject<PictureElement | null>;
  selected: boolean;
  maximised: boolean;
}

export function PtzSlot(p: SlotProps) {
  const { can } = useApp();
  if (!p.camera?.ptz || !can('ptz.control')) return null;
  return <PtzTile {...p} camera={p.camera} />;
}

function PtzTile({ camera, pictureRef, selected, maximised }: SlotProps & { camera: Camera }) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const ptz = usePtz(camera.id);
  const [open, setOpen] = useState(maximised);
  const [speed, setSpeedState] = useState(storedSpeed);
  const setSpeed = (s: number) => {
    setSpeedState(s);
    try {
      localStorage.setItem(SPEED_KEY, String(s));
    } catch {
      // Storage refused: the speed lasts until reload.
    }
  };

  // Maximising a PTZ camera is the usual way into steering it (state adjusted while rendering,
  // as React advises, rather than in an effect).
  const [wasMaximised, setWasMaximised] = useState(maximised);
  if (maximised !== wasMaximised) {
    setWasMaximised(maximised);
    if (maximised) setOpen(true);
  }
  // A panel left open on a tile that is no longer selected lets go of what it held.
  const steering = selected && open;
  useEffect(() => {
    if (!steering) ptz.drive.releaseAll();
  }, [steering, ptz.drive]);
  const { loadPresets, loadPatrols } = ptz;
  useEffect(() => {
    if (open) {
      void loadPresets();
      void loadPatrols();
    }
  }, [open, loadPresets, loadPatrols]);

  const panelCtx = useMemo<PtzPanelCtx>(() => ({ open, toggle: () => setOpen((o) => !o) }), [open]);
  // The registry keeps one context per registration; re-registering would let go of a held move
  // (a lock taken, the speed changed). So the context is one object that reads the current values.
  const ctx = useMemo(() => new SlotCtx(ptz.drive, () => setOpen(true)), [ptz.drive]);
  useLayoutEffect(() => ctx.update(ptz, speed, setSpeed));
  const { commands, canSteer } = ptz;

  // A small tile (a 3x3 wall) gets the compact panel: steering, speed, home and presets; the
  // editing and patrols come with a bigger tile (maximise). Measured, not guessed from the layout.
  const corner = useRef<HTMLDivElement>(null);
  const [compact, setCompact] = useState(false);
  useEffect(() => {
    const tile = corner.current?.parentElement;
    if (!tile) return;
    const ro = new ResizeObserver(([e]) => {
      const r = e?.contentRect;
      if (r) setCompact(r.width < 620 || r.height < 440);
    });
    ro.observe(tile);
    return () => ro.disconnect();
  }, []);

  return (
    <>
      {selected ? <Registered panel={panelCtx} steer={steering ? ctx : null} /> : null}
      <Gamepad active={steering && canSteer} speed={speed} registry={registry} />
      {open ? (
        <AimLayer pictureRef={pictureRef} held={!canSteer} onCentre={(x, y, aspect) => commands.centre(x, y, aspect)} onZoomBox={(box, aspect) => commands.zoomBox(box, aspect)} />
      ) : null}
      <div ref={corner} className="ptz-corner" onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
        <LockLine ptz={ptz} />
        <button type="button" className={`tile__button ptz-toggle${open ? ' ptz-toggle--on' : ''}`} aria-pressed={open} title={t('ptz.toggleHint')} onClick={() => setOpen((o) => !o)}>
          {t('ptz.toggle')}
        </button>
      </div>
      {open ? <PtzPanel ptz={ptz} cameraName={camera.name} speed={speed} onSpeed={setSpeed} compact={compact} /> : null}
    </>
  );
}

/** The steering actions' context: stable for the tile's life, reading what the tile shows now. */
class SlotCtx implements PtzCtx {
  private ptz: PtzHandle | null = null;
  private speedNow = 0.5;
  private setSpeedNow: (s: number) => void = () => undefined;

  constructor(
    readonly drive: PtzDrive,
    readonly savePreset: () => void,
  ) {}

  update(ptz: PtzHandle, speed: number, setSpeed: (s: number) => void): void {
    this.ptz = ptz;
    this.speedNow = speed;
    this.setSpeedNow = setSpeed;
  }

  get speed() {
    return this.speedNow;
  }
  setSpeed(s: number) {
    this.setSpeedNow(s);
  }
  get canSteer() {
    return this.ptz?.canSteer ?? false;
  }
  get canRelease() {
    return this.ptz?.canRelease ?? false;
  }
  get hasPresets() {
    return (this.ptz?.presets.length ?? 0) > 0;
  }
  home() {
    this.ptz?.commands.home();
  }
  stop() {
    this.ptz?.commands.stop();
  }
  release() {
    this.ptz?.commands.release();
  }
  gotoPreset(token: string) {
    this.ptz?.commands.gotoPreset(token);
  }
}

/** Registers the panel toggle for the selected tile, and the steering actions while it is open. */
function Registered({ panel, steer }: { panel: PtzPanelCtx; steer: PtzCtx | null }) {
  useActions(PTZ_PANEL_ACTIONS, panel);
  return steer ? <Steering ctx={steer} /> : null;
}

function Steering({ ctx }: { ctx: PtzCtx }) {
  useActions(PTZ_ACTIONS, ctx);
  return null;
}

function Gamepad({ active, speed, registry }: { active: boolean; speed: number; registry: ReturnType<typeof useActionRegistry> }) {
  useGamepad(registry, active, speed);
  return null;
}

/** "Controlled by Trần Chỉ Huy (Chỉ huy)", live on every console that shows the camera. */
function LockLine({ ptz }: { ptz: PtzHandle }) {
  const { t } = useTranslation();
  const text = lockText(t, ptz.lock, ptz.me);
  if (!text) return null;
  const mine = ptz.lock?.userId === ptz.me && !ptz.lock.patrol;
  return (
    <span className={`ptz-lock${mine ? ' ptz-lock--mine' : ptz.canSteer ? '' : ' ptz-lock--other'}`} role="status" data-testid="ptz-lock">
      {text}
    </span>
  );
}
