// Helpers for the wall's e2e tests: cameras registered the way the UI would, and the few moves an
// officer makes again and again (select a tile, put a camera on it, read what a tile says).
import { expect, type Page } from '@playwright/test';
import type { Camera } from '../../../src/shared/contract';
import type { TestApi } from './api';

export interface CamSpec {
  name: string;
  rtspMain?: string | null;
  rtspSub?: string | null;
  username?: string;
  password?: string;
  status?: Camera['status'];
  point?: string;
  ward?: string;
}

/** Nothing listens on port 9 of loopback (discard): the relay reports `unreachable`. */
export const NOWHERE = 'rtsp://127.0.0.1:9/main';

/** Registers cameras under one city, in wards and points as given; returns them in order. */
export async function addCameras(api: TestApi, cams: CamSpec[]): Promise<Camera[]> {
  const city = await api.call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
  const wards = new Map<string, string>();
  const points = new Map<string, string>();
  const out: Camera[] = [];
  for (const c of cams) {
    const wname = c.ward ?? 'Phường Bến Thành';
    if (!wards.has(wname)) wards.set(wname, (await api.call('register.createArea', { parentId: city.id, name: wname, kind: 'ward' })).id);
    const pname = c.point ?? `Điểm ${c.name}`;
    if (!points.has(pname))
      points.set(
        pname,
        (
          await api.call('register.createPoint', {
            areaId: wards.get(wname)!,
            name: pname,
            lat: 10.77 + out.length * 0.002,
            lon: 106.69 + out.length * 0.002,
          })
        ).id,
      );
    out.push(
      await api.call('register.createCamera', {
        pointId: points.get(pname)!,
        name: c.name,
        status: c.status ?? 'working',
        rtspMain: c.rtspMain === undefined ? NOWHERE : c.rtspMain,
        rtspSub: c.rtspSub ?? null,
        username: c.username ?? null,
        password: c.password ?? null,
      }),
    );
  }
  return out;
}

export const tile = (page: Page, n: number) => page.locator(`[data-tile="${n}"]`);
export const tileOf = (page: Page, camera: string) => page.getByRole('region', { name: camera, exact: true });
export const tree = (page: Page) => page.getByRole('tree');

/**
 * Clicks tile n (which selects it) without touching its tools, and sees it selected before going
 * on, as an officer does (a click while the page is still loading may land before the wall does).
 */
export async function selectTile(page: Page, n: number): Promise<void> {
  await expect(async () => {
    await tile(page, n).click({ position: { x: 30, y: 60 } });
    await expect(tile(page, n)).toHaveAttribute('aria-current', 'true', { timeout: 2000 });
  }).toPass();
}

/** Selects tile n, then puts the camera there from the tree with Enter. */
export async function put(page: Page, n: number, camera: string): Promise<void> {
  await selectTile(page, n);
  await tree(page).getByRole('treeitem', { name: camera, exact: true }).press('Enter');
  await tileOf(page, camera).waitFor();
}

/** The cameras on the wall, tile by tile ('' for an empty tile). */
export async function wallCameras(page: Page, names: Map<string, string>): Promise<string[]> {
  const ids = await page.locator('[data-tile]').evaluateAll((els) => els.map((e) => e.getAttribute('data-camera-id') ?? ''));
  return ids.map((id) => names.get(id) ?? '');
}

export function namesById(cams: Camera[]): Map<string, string> {
  return new Map(cams.map((c) => [c.id, c.name]));
}

/** Frames the tile's picture has presented (whichever path it plays on: see data-picture). */
export async function presentedFrames(page: Page, camera: string): Promise<number> {
  return tileOf(page, camera)
    .locator('[data-picture]')
    .evaluate((el) =>
      'getVideoPlaybackQuality' in el
        ? (el as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames
        : Number((el as HTMLCanvasElement).dataset.frames ?? 0),
    );
}

/** The width of the tile's picture in pixels (0 before the first frame). */
export async function pictureWidth(page: Page, camera: string): Promise<number> {
  return tileOf(page, camera)
    .locator('[data-picture]')
    .evaluate((el) =>
      'videoWidth' in el ? (el as HTMLVideoElement).videoWidth : (el as HTMLCanvasElement).dataset.frames ? (el as HTMLCanvasElement).width : 0,
    );
}

type FreezableWindow = Window & { frozenCameras: Set<string> };

/** Runs in the page before its scripts: video sockets of a camera in `frozenCameras` deliver no video. */
function freezableVideoSockets(): void {
  const w = window as unknown as FreezableWindow & { WebSocket: typeof WebSocket };
  w.frozenCameras = new Set();
  const Native = w.WebSocket;
  w.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const u = new URL(url, location.href);
      const camera = u.pathname === '/video' ? u.searchParams.get('camera') : null;
      // Added before any player's own listener or onmessage, so it can stop the event first.
      if (camera)
        this.addEventListener('message', (e) => {
          if (typeof e.data !== 'string' && w.frozenCameras.has(camera)) e.stopImmediatePropagation();
        });
    }
  };
}

/**
 * Lets a test freeze a camera's stream inside the page (call before the page opens the wall): its
 * video socket stays open and its video messages are stopped before any player sees them — a
 * stream that stops with no error. Freezing it in the test process with routeWebSocket sent every
 * video message of that tile through DevTools and back; on a busy machine that detour held a
 * backlog the page went on playing long after the freeze.
 */
export async function freezableVideo(page: Page): Promise<(cameraId: string, frozen: boolean) => Promise<void>> {
  await page.addInitScript(freezableVideoSockets);
  return (cameraId, frozen) =>
    page.evaluate(
      ([id, on]) => {
        const set = (window as unknown as FreezableWindow).frozenCameras;
        if (on) set.add(id);
        else set.delete(id);
      },
      [cameraId, frozen] as const,
    );
}
