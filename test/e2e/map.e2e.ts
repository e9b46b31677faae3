// The map as an officer and a technician use it: import a basemap (MBTiles, made here) and a floor
// plan, see the demo site's cameras in their places with status colours and cones, click one and
// watch it live, move one in edit mode and find the new coordinates in the register; a broken
// basemap is refused in words. Screenshots in English and Vietnamese.
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { tilesFor, writeMbtiles, writePmtiles } from '../../src/core/maps/testing/make-tiles';
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';

/** Covers the demo site but for its northern and western edge (Ga Sài Gòn, Tân Định): those three lie outside. */
const BASEMAP_BOUNDS: [number, number, number, number] = [106.68, 10.762, 106.712, 10.7855];

let tmp: string;
test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-map-e2e-'));
  writeMbtiles(path.join(tmp, 'quan1.mbtiles'), await tilesFor(BASEMAP_BOUNDS, 12, 16), BASEMAP_BOUNDS, 'Quận 1');
  writePmtiles(path.join(tmp, 'broken.pmtiles'), await tilesFor(BASEMAP_BOUNDS, 12, 12), BASEMAP_BOUNDS);
  truncateSync(path.join(tmp, 'broken.pmtiles'), 90);
  const plan = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000"><rect width="1600" height="1000" fill="#e8eef3"/>
    <g fill="none" stroke="#34495e" stroke-width="10"><rect x="40" y="40" width="1520" height="920"/><path d="M600 40V600M1100 40V960M40 600H1100"/></g></svg>`;
  await sharp(Buffer.from(plan)).png().toFile(path.join(tmp, 'tang-1.png'));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function startDemo(url: string): Promise<TestApi> {
  const api = await TestApi.connect(url);
  await api.call('demo.start', {});
  return api;
}

/** Waits until MapLibre has drawn everything it was asked to (tiles, layers). */
async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as { __watchfloorMap?: { loaded(): boolean; areTilesLoaded(): boolean } }).__watchfloorMap;
    return !!m && m.loaded() && m.areTilesLoaded();
  });
  await page.waitForTimeout(300);
}

/** Where a camera's dot is on screen, from the map's own projection. */
async function dotOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([lo, la]) => (window as unknown as { __watchfloorMap: { project(l: [number, number]): { x: number; y: number } } }).__watchfloorMap.project([lo!, la!]), [lon, lat]);
  const box = (await page.locator('.map-canvas').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

test.describe('in English', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('import a basemap and a floor plan, see the cameras, watch one live, move one', async ({ page, serve, snap }) => {
    test.setTimeout(240_000);
    const api = await startDemo(serve.url);
    const cams = await api.call('maps.cameras', {});
    expect(cams).toHaveLength(12);
    await page.goto(`${serve.url}#/map`);
    await expect(page.locator('.map-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(page.getByText('12 cameras shown')).toBeVisible();

    // A broken basemap is refused in words; nothing changes.
    await page.getByTestId('map-file').setInputFiles(path.join(tmp, 'broken.pmtiles'));
    await expect(page.getByText(/This map file cannot be used \(PMTiles/)).toBeVisible();

    await page.getByTestId('map-file').setInputFiles(path.join(tmp, 'quan1.mbtiles'));
    await expect(page.getByText('“quan1” imported.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('combobox', { name: 'Map' })).toHaveValue(/[0-9a-f-]{36}/);
    await expect(page.getByText(/3 cameras lie outside this basemap/)).toBeVisible();
    // The core serves the basemap's file by range, never whole in one answer.
    const base = (await api.call('maps.list', {})).find((m) => m.kind === 'basemap')!;
    const part = await page.request.get(`${serve.url}maps/${base.id}/file`, { headers: { Range: 'bytes=0-15' } });
    expect(part.status()).toBe(206);
    expect((await part.body()).toString('latin1')).toBe('SQLite format 3\0');

    // Zoomed in far enough to see each camera: 12 dots, 12 cones, coloured by state.
    const benThanh = cams.find((c) => c.name === 'Bến Thành – cổng Nam')!;
    const thiNghe = cams.find((c) => c.name === 'Cầu Thị Nghè')!;
    // The map with the basemap (made anew when the basemap was chosen), framed on the twelve.
    await page.waitForFunction(() => !!(window as unknown as { __watchfloorMap?: { getLayer(id: string): unknown } }).__watchfloorMap?.getLayer('base'));
    const lons = cams.map((c) => c.lon!);
    const lats = cams.map((c) => c.lat!);
    const frame: [[number, number], [number, number]] = [[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]];
    await page.evaluate((b) => (window as unknown as { __watchfloorMap: { fitBounds(b: object, o: object): void } }).__watchfloorMap.fitBounds(b, { padding: 60, duration: 0 }), frame);
    await idle(page);
    expect(await page.evaluate(() => (window as unknown as { __watchfloorMap: { getZoom(): number } }).__watchfloorMap.getZoom())).toBeGreaterThanOrEqual(14);
    // Drawn once the map has settled (the health monitor's first probes re-colour and re-draw).
    const drawnNow = () => page.evaluate(() => {
      const m = (window as unknown as { __watchfloorMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__watchfloorMap;
      return { dots: new Set(m.queryRenderedFeatures({ layers: ['cam-points'] }).map((f) => f.properties.id)).size, cones: new Set(m.queryRenderedFeatures({ layers: ['cam-cones'] }).map((f) => f.properties.id)).size };
    });
    await expect.poll(async () => (await drawnNow()).dots, { timeout: 15_000 }).toBe(cams.length);
    await expect.poll(async () => (await drawnNow()).cones, { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
    const stateOf = (id: string) => page.evaluate((i) => (window as unknown as { __watchfloorMap: { getFeatureState(f: object): { s?: number } } }).__watchfloorMap.getFeatureState({ source: 'cams', id: i }).s, id);
    await expect.poll(() => stateOf(thiNghe.id)).toBe(2); // awaiting repair
    await expect.poll(() => stateOf(benThanh.id), { timeout: 60_000 }).not.toBe(1); // never "offline" while live
    await snap('en-map-basemap');

    // Click the camera's dot: its popup plays the sub stream.
    const at = await dotOf(page, benThanh.lon!, benThanh.lat!);
    await page.mouse.click(at.x, at.y);
    const popup = page.getByRole('region', { name: /Bến Thành – (cổng Nam|cửa Bắc)/ });
    await expect(popup).toBeVisible();
    if (!(await page.getByRole('region', { name: 'Bến Thành – cổng Nam' }).isVisible())) await popup.getByRole('button', { name: /cổng Nam/ }).click();
    const live = page.getByRole('region', { name: 'Bến Thành – cổng Nam' });
    await expect(live.locator('.map-popup__video')).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
    await expect(live.getByRole('button', { name: 'Show on the wall' })).toBeVisible();
    await snap('en-map-popup');

    // Edit mode: drag the camera's dot; the point's new coordinates are in the register.
    await page.getByLabel('Edit mode').check();
    await idle(page);
    const handle = page.locator('.map-handle--place');
    await expect(handle).toBeVisible();
    const h = (await handle.boundingBox())!;
    const from = { x: h.x + h.width / 2, y: h.y + h.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 80, from.y + 60, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByText(/Chợ Bến Thành moved to/)).toBeVisible({ timeout: 15_000 });
    // Where the map says the drop point is, is where the register now has the point.
    const canvas = (await page.locator('.map-canvas').boundingBox())!;
    const dropped = await page.evaluate(
      ([x, y]) => (window as unknown as { __watchfloorMap: { unproject(p: [number, number]): { lng: number; lat: number } } }).__watchfloorMap.unproject([x!, y!]),
      [from.x + 80 - canvas.x, from.y + 60 - canvas.y],
    );
    const moved = await api.call('register.point', { id: benThanh.pointId });
    expect(moved.lon!).toBeCloseTo(dropped.lng, 4);
    expect(moved.lat!).toBeCloseTo(dropped.lat, 4);
    expect(moved.lon!).toBeGreaterThan(benThanh.lon!);
    expect(moved.lat!).toBeLessThan(benThanh.lat!);
    await snap('en-map-edit');

    // A floor plan: import it, place a camera on it.
    await page.getByTestId('map-file').setInputFiles(path.join(tmp, 'tang-1.png'));
    await expect(page.getByText('“tang-1” imported.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('12 cameras are not placed on this plan yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Nhà thờ Đức Bà' }).click();
    await idle(page);
    const box = (await page.locator('.map-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByText('Nhà thờ Đức Bà placed on the plan.')).toBeVisible();
    const plan = (await api.call('maps.list', {})).find((m) => m.kind === 'image')!;
    expect(await api.call('maps.pins', { mapId: plan.id })).toHaveLength(1);
    await page.getByLabel('Edit mode').uncheck();
    await snap('en-map-plan');
    api.close();
  });
});

test.describe('in Vietnamese', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('the map with the built-in outlines, clusters, a camera’s popup and search', async ({ page, serve, snap }) => {
    test.setTimeout(240_000);
    const api = await startDemo(serve.url);
    await page.goto(`${serve.url}#/map`);
    await expect(page.locator('.map-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(page.getByText('Đang hiện 12 camera')).toBeVisible();
    await page.evaluate(() => (window as unknown as { __watchfloorMap: { jumpTo(o: object): void } }).__watchfloorMap.jumpTo({ center: [106.695, 10.778], zoom: 12.5 }));
    await idle(page);
    await expect(page.locator('.map-cluster').first()).toBeVisible();
    await snap('vi-map-clusters');
    // Zoomed out, one cluster holds the twelve; its counts by state add up and name the one
    // camera awaiting repair (Cầu Thị Nghè, as the register says).
    await page.evaluate(() => (window as unknown as { __watchfloorMap: { jumpTo(o: object): void } }).__watchfloorMap.jumpTo({ center: [106.695, 10.778], zoom: 8 }));
    await idle(page);
    const whole = page.locator('.map-cluster[title^="12 camera:"]');
    await expect(whole).toHaveCount(1);
    await expect(whole).toHaveAttribute('title', /1 Chờ sửa chữa/);
    const parts = ((await whole.getAttribute('title')) ?? '').split(':')[1]!.match(/\d+/g)!.map(Number);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(12);
    // Where WebGL is emulated (these machines), the map draws at a lower resolution while it moves
    // and sharp again once it rests.
    const ratio = () => page.evaluate(() => (window as unknown as { __watchfloorMap: { getPixelRatio(): number } }).__watchfloorMap.getPixelRatio());
    const software = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      return /swiftshader|llvmpipe|software/i.test(gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '');
    });
    const dpr = await page.evaluate(() => devicePixelRatio);
    await expect.poll(ratio).toBe(dpr);
    if (software) {
      // An officer's mouse pan: lower while the button is held, the map following the whole drag
      // (the change of resolution does not cut it short), sharp again once it rests.
      const box = (await page.locator('.map-canvas').boundingBox())!;
      const before = await page.evaluate(() => (window as unknown as { __watchfloorMap: { getCenter(): object } }).__watchfloorMap.getCenter());
      const x0 = box.x + box.width / 2;
      const y0 = box.y + box.height / 2;
      await page.mouse.move(x0, y0);
      await page.mouse.down();
      await page.mouse.move(x0 - 150, y0, { steps: 15 });
      await expect.poll(ratio, { timeout: 5000, intervals: [50] }).toBeLessThan(dpr);
      await page.mouse.move(x0 - 300, y0, { steps: 15 });
      await page.mouse.up();
      await idle(page);
      const shifted = await page.evaluate((c) => (window as unknown as { __watchfloorMap: { project(l: object): { x: number; y: number } } }).__watchfloorMap.project(c), before);
      // The old centre is now about 300 px left of the middle (inertia may carry it a little further).
      expect(x0 - box.x - shifted.x).toBeGreaterThan(280);
      await expect.poll(ratio, { timeout: 10_000 }).toBe(dpr);
    }
    // A camera's state arriving from its health probes moves it between the counts (not only the dots).
    await expect.poll(async () => (await whole.getAttribute('title')) ?? '', { timeout: 30_000 }).toMatch(/\d+ Đang hoạt động/);
    await page.getByRole('searchbox', { name: 'Tìm camera, điểm, địa chỉ' }).fill('nha tho duc ba');
    await page.getByRole('option').getByRole('button', { name: /Nhà thờ Đức Bà/ }).click();
    const popup = page.getByRole('region', { name: 'Nhà thờ Đức Bà' });
    await expect(popup).toBeVisible();
    await expect(popup.getByRole('button', { name: 'Hiện trên tường hình' })).toBeVisible();
    await idle(page);
    await snap('vi-map-popup');
    api.close();
  });
});
