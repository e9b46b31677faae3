// USB joysticks and gamepads through the Gamepad API, while a PTZ panel is open. The left stick
// pans and tilts, the right stick's vertical axis zooms, with a dead zone and speed proportional
// to how far the stick is pushed; shoulder buttons zoom, A stops, Y goes home. Everything goes
// through the actions registry, like keys and buttons: the joystick is held as `ptz.joystick`
// (so a blur or a hidden tab lets go of it), and its velocity is updated by running the action.
import { useEffect } from 'react';
import type { ActionRegistry } from '../actions/registry';
import type { Velocity } from './ptz-drive';

export const DEAD_ZONE = 0.15;
const HOLD_KEY = 'gamepad:stick';
const POLL_MS = 50;
/** Velocity steps: a stick never rests exactly, and every change is a call to the core. */
const STEP = 0.05;

/** Axis value past the dead zone, rescaled to 0..1 from its edge, in steps. */
export function axis(v: number | undefined, deadZone = DEAD_ZONE): number {
  const a = v ?? 0;
  if (Math.abs(a) <= deadZone) return 0;
  const scaled = (Math.abs(a) - deadZone) / (1 - deadZone);
  return Math.sign(a) * Math.min(1, Math.round(scaled / STEP) * STEP);
}

/** Standard mapping: axes 0/1 left stick (y down), 3 right stick vertical. */
export function stickVelocity(axes: readonly number[], speed: number): Velocity {
  const r = (x: number) => Math.round(x * speed * 100) / 100 || 0;
  return { pan: r(axis(axes[0])), tilt: r(-axis(axes[1])), zoom: r(-axis(axes[3])) };
}

const BUTTONS: Record<number, { name: string; hold: boolean }> = {
  0: { name: 'ptz.stop', hold: false },
  3: { name: 'ptz.home', hold: false },
  4: { name: 'ptz.zoomOut', hold: true },
  5: { name: 'ptz.zoomIn', hold: true },
};

export function useGamepad(registry: ActionRegistry, active: boolean, speed: number): void {
  useEffect(() => {
    if (!active || typeof navigator === 'undefined' || !navigator.getGamepads) return;
    let last: Velocity = { pan: 0, tilt: 0, zoom: 0 };
    let holding = false;
    const pressed = new Set<number>();
    const poll = () => {
      // A hidden console steers nothing (the registry has let go of everything already).
      if (document.hidden) return;
      const pad = [...navigator.getGamepads()].find((g) => g && g.connected);
      if (!pad) return;
      const v = stickVelocity(pad.axes, speed);
      if (v.pan !== last.pan || v.tilt !== last.tilt || v.zoom !== last.zoom) {
        last = v;
        const zero = v.pan === 0 && v.tilt === 0 && v.zoom === 0;
        if (zero) {
          registry.releaseHeld(HOLD_KEY);
          holding = false;
        } else if (!holding) holding = registry.press('ptz.joystick', HOLD_KEY, v);
        else registry.run('ptz.joystick', v);
      }
      pad.buttons.forEach((b, i) => {
        const map = BUTTONS[i];
        if (!map) return;
        if (b.pressed && !pressed.has(i)) {
          pressed.add(i);
          if (map.hold) registry.press(map.name, `gamepad:${i}`);
          else registry.run(map.name);
        } else if (!b.pressed && pressed.has(i)) {
          pressed.delete(i);
          if (map.hold) registry.releaseHeld(`gamepad:${i}`);
        }
      });
    };
    const timer = setInterval(poll, POLL_MS);
    return () => {
      clearInterval(timer);
      registry.releaseHeld(HOLD_KEY);
      for (const i of pressed) registry.releaseHeld(`gamepad:${i}`);
    };
  }, [registry, active, speed]);
}
