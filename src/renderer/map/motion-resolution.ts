// Dynamic resolution while the map moves. Where WebGL is emulated on the CPU (a workstation
// without a usable GPU, a virtual machine, a remote desktop), every frame costs in proportion to
// its pixels: a 1600 × 900 map took ~150 ms a frame here, so panning stuttered at 6 frames a
// second. While the map moves, this lowers the drawing resolution until frames fit the budget;
// when the map comes to rest it draws sharp again. What it learns is kept for the next move, so
// a slow machine does not stutter at the start of every pan. On a machine whose frames already
// fit, it never changes anything.
import type { Map as MapLibre } from 'maplibre-gl';

/** A frame slower than this while moving lowers the resolution. */
const BUDGET_MS = 25;
/** Never below this share of the screen's pixel ratio (dots stay recognisable). */
const MIN_SHARE = 0.25;
/** How long the map must be still before it is drawn sharp again. */
const REST_MS = 250;

/** The renderer string says the GPU is emulated (SwiftShader, llvmpipe, Microsoft's WARP…). */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render|warp/i.test(renderer);
}

let software: boolean | null = null;
/** Whether WebGL is emulated in this window; asked once (it costs a WebGL context). */
export function rendersInSoftware(): boolean {
  return (software ??= isSoftwareRenderer(webglRenderer()));
}

/** What the browser says draws WebGL here (unmasked where allowed). */
export function webglRenderer(): string {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return 'none';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return 'none';
  }
}

/**
 * Draws `map` at a lower resolution while it moves or loads, sharp once it has been idle a moment.
 * Where WebGL is emulated it starts at the lowest instead of learning it from slow frames. The
 * returned function stops and leaves the map sharp.
 */
export function motionResolution(map: MapLibre): () => void {
  const full = () => window.devicePixelRatio || 1;
  // The share of full resolution used while busy; learned, kept between moves and between maps.
  let share = Math.min(learned, rendersInSoftware() ? MIN_SHARE : 1);
  let moving = false;
  let last = 0;
  let slow = 0;
  let rest: ReturnType<typeof setTimeout> | null = null;

  // Map.setPixelRatio goes through Map.resize, which stops the camera and the officer's drag when
  // no animation runs (a mouse pan is not one) and announces a move of its own; only the canvas
  // and its drawing buffer are resized here, with MapLibre's own inner step (kept in its typings).
  const inner = map as unknown as { _overridePixelRatio?: number | null; _resizeInternal?: (constrain?: boolean) => void };
  if (typeof inner._resizeInternal !== 'function') return () => undefined;
  const apply = (s: number) => {
    const ratio = Math.round(full() * s * 100) / 100;
    if (Math.abs(map.getPixelRatio() - ratio) < 0.01) return;
    // Full resolution follows the screen again (a window moved to another monitor).
    inner._overridePixelRatio = s >= 1 ? null : ratio;
    inner._resizeInternal!(false);
    map.triggerRepaint();
  };
  const busy = () => {
    if (rest) clearTimeout(rest);
    rest = null;
    if (share < 1) apply(share);
  };
  const onStart = () => {
    moving = true;
    last = 0;
    slow = 0;
    busy();
  };
  const onRender = () => {
    if (!moving) return;
    const now = performance.now();
    const took = last ? now - last : 0;
    last = now;
    // Two slow frames in a row, not one: a tile arriving costs a frame once.
    slow = took > BUDGET_MS ? slow + 1 : 0;
    if (slow >= 2 && share > MIN_SHARE) {
      share = learned = Math.max(MIN_SHARE, share * 0.7);
      slow = 0;
      apply(share);
    }
  };
  const onEnd = () => {
    moving = false;
  };
  // Sharp again once nothing moves or loads (a move right after cancels it).
  const onIdle = () => {
    if (rest) clearTimeout(rest);
    rest = setTimeout(() => {
      rest = null;
      // Data set since the idle (cameras after the style) keeps it busy; the next idle decides.
      if (!moving && map.loaded()) apply(1);
    }, REST_MS);
  };
  map.on('movestart', onStart);
  map.on('render', onRender);
  map.on('moveend', onEnd);
  map.on('idle', onIdle);
  busy();
  return () => {
    map.off('movestart', onStart);
    map.off('render', onRender);
    map.off('moveend', onEnd);
    map.off('idle', onIdle);
    if (rest) clearTimeout(rest);
    rest = null;
    apply(1);
  };
}

/** What earlier maps in this window learned (a new map need not stutter to learn it again). */
let learned = 1;
