// "Tiles do not tell the truth" and "dots show the register, not the camera" (issue: a wall an
// officer can trust for a whole shift), against the camera lab: real RTSP from GStreamer, real
// ffmpeg, real mpegts.js in Chromium. One lab for the file (its cameras are stateless; a test that
// stops a stream starts it again); every test has its own core, register and page.
import type { Page } from '@playwright/test';
import { startLab, type Lab } from '../../src/sim/lab';
import { TestApi } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { startServe } from './support/serve';
import { addCameras, freezableVideo, NOWHERE, put, tile, tileOf, tree, type CamSpec } from './support/wall';

test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
test.describe.configure({ mode: 'serial' });

let lab: Lab;
const LIVE = 'Bến Thành – cổng Nam';
const LOOP = ['Ngã tư Lê Lợi', 'Nhà thờ', 'Bến xe'];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  lab = await startLab({
    cameras: [{ name: LIVE, variant: 'ptz', live: true }, ...LOOP.map((name) => ({ name, variant: 'fixed' as const, live: false }))],
    discoveryPort: false,
  });
});
test.afterAll(async () => {
  await lab?.dispose();
});

const fromLab = (name: string): CamSpec => {
  const c = lab.camera(name).info;
  return { name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password };
};

async function register(url: string, cams: CamSpec[]) {
  const api = await TestApi.connect(url);
  const made = await addCameras(api, cams);
  api.close();
  return made;
}

const clockText = (page: Page, camera: string) => tileOf(page, camera).locator('.tile__clock').textContent();

/** The value once it has stayed the same for `ms` (read at the start and end of the span), within `timeout`. */
async function heldFor<T>(ms: number, read: () => Promise<T>, timeout: number): Promise<T> {
  const end = Date.now() + timeout;
  let was = await read();
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, ms));
    const now = await read();
    if (now === was) return now;
    was = now;
  }
  throw new Error(`still changing after ${timeout} ms (last: ${String(was)})`);
}
const chip = (page: Page, camera: string) => tileOf(page, camera).getByRole('status');

test('a tile’s clock is the time of the picture it shows, not the browser’s', async ({ page, serve }) => {
  await register(serve.url, [fromLab(LIVE)]);
  // The browser's own clock says 03:00 UTC on New Year's Day 2020; the pictures say otherwise.
  await page.clock.setFixedTime(new Date('2020-01-01T03:00:00Z'));
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, LIVE);
  await expect(tileOf(page, LIVE)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  // The browser would say 10:00:00 in Ho Chi Minh City; the tile says when its picture was taken.
  await expect(tileOf(page, LIVE).locator('.tile__clock')).toHaveText(/^\d\d:\d\d:\d\d$/);
  expect(await clockText(page, LIVE)).not.toBe('10:00:00');
  await expect.poll(async () => Number(await tileOf(page, LIVE).getAttribute('data-frame-time'))).toBeGreaterThan(0);
  const frameTime = Number(await tileOf(page, LIVE).getAttribute('data-frame-time'));
  expect(Math.abs(frameTime - Date.now())).toBeLessThan(15_000);
  // The stats say when the last picture arrived, and by whose clock (I, once the tree lets go of the keys).
  await tile(page, 1).click({ position: { x: 40, y: 80 } });
  await page.keyboard.press('i');
  await expect(tileOf(page, LIVE).getByRole('note')).toContainText(
    /Last picture: \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d\.\d{3} \(Time the picture reached the server\)/,
  );
  await expect(tileOf(page, LIVE).getByRole('note')).toContainText('· 1 viewer');
  await expect(tileOf(page, LIVE).getByRole('note')).not.toContainText('2020');
});

test('a frozen stream says so after a second, its clock stops with the picture and its age counts', async ({ page, serve }) => {
  const [cam] = await register(serve.url, [fromLab(LOOP[0]!)]);
  const freeze = await freezableVideo(page);
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, LOOP[0]!);
  await expect(tileOf(page, LOOP[0]!)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await freeze(cam!.id, true);
  await expect(chip(page, LOOP[0]!)).toContainText(/^Frozen [1-3] s: the picture has not changed since the time shown/);
  const frozenAt = await clockText(page, LOOP[0]!);
  await expect.poll(async () => Number(/Frozen (\d+) s/.exec((await chip(page, LOOP[0]!).textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThanOrEqual(4);
  expect(await clockText(page, LOOP[0]!)).toBe(frozenAt);
  await expect(tileOf(page, LOOP[0]!)).toHaveClass(/tile--stale/);
  await freeze(cam!.id, false);
  await expect(chip(page, LOOP[0]!)).toHaveText('Live', { timeout: 30_000 });
  await expect.poll(() => clockText(page, LOOP[0]!)).not.toBe(frozenAt);
});

test('a stream that dies keeps its last time, not a ticking one; a dead camera shows no clock at all', async ({ page, serve }) => {
  const longName = 'Camera 7 – Ngã tư Nguyễn Thị Minh Khai – Hai Bà Trưng hướng về cầu Thị Nghè';
  await register(serve.url, [fromLab(LOOP[1]!), { name: longName, rtspMain: NOWHERE }]);
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, LOOP[1]!);
  await put(page, 2, longName);
  await expect(tileOf(page, LOOP[1]!)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  const cam = lab.camera(LOOP[1]!);
  await cam.stopStream();
  try {
    await expect(chip(page, LOOP[1]!)).toHaveText(/^(Reconnecting|Offline)/, { timeout: 30_000 });
    // Frames already buffered when the relay lost the camera may still be shown (a few hundred ms;
    // the MSE video presents its last one as late as that): the picture's clock may move until the
    // last of them, then never again. So: wait until it has held for two whole seconds.
    // (The relay's retries meanwhile turn the chip from "Reconnecting" to "Offline: no such
    // stream" when the camera answers 404 for its stopped stream: the clock holds through both.)
    const last = await heldFor(2000, () => clockText(page, LOOP[1]!), 20_000);
    await expect(chip(page, LOOP[1]!)).toHaveText(/^(Reconnecting|Offline)/);
    expect(await heldFor(2000, () => clockText(page, LOOP[1]!), 2500)).toBe(last);
    // Its last picture stays on the tile (greyed), not an empty curtain: the kept picture is the
    // one the clock tells the time of.
    const still = tileOf(page, LOOP[1]!).locator('.tile__still');
    await expect(still).toBeVisible();
    const kept = Number(await still.getAttribute('data-kept'));
    const shown = Number(await tileOf(page, LOOP[1]!).getAttribute('data-frame-time'));
    expect(kept).toBeGreaterThan(0);
    expect(Math.abs(kept - shown)).toBeLessThan(1000);
    expect(await still.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
  } finally {
    await cam.startStream();
  }
  // Never a frame: no clock, a short state word, the name kept whole, the reason in full elsewhere.
  const dead = tileOf(page, longName);
  await expect(dead.getByRole('status')).toHaveText(/^(Reconnecting|Offline)/, { timeout: 30_000 });
  await expect(dead.locator('.tile__clock')).toHaveCount(0);
  const name = (await dead.locator('.tile__name').boundingBox())!;
  const box = (await dead.boundingBox())!;
  expect(name.width).toBeGreaterThan(box.width * 0.45);
  await expect(dead.getByRole('status')).toHaveText(/: the camera cannot be reached$/);
  await expect(dead.locator('.tile__message')).toHaveAttribute('title', /the camera cannot be reached/);
  await expect(dead.locator('.tile__message-reason')).toHaveText('the camera cannot be reached');
  await dead.getByRole('button', { name: 'Stats' }).click();
  await expect(dead.getByRole('note')).toContainText('the camera cannot be reached');
  await expect(dead.getByRole('note')).toContainText('No picture received yet');
});

test('a camera awaiting repair says so, not "Reconnecting" as if it were a new fault', async ({ page, serve }) => {
  await register(serve.url, [{ name: 'Cầu Thị Nghè', rtspMain: NOWHERE, status: 'awaiting_repair' }]);
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, 'Cầu Thị Nghè');
  const t = tileOf(page, 'Cầu Thị Nghè');
  await expect(t.getByRole('status')).toHaveText('Awaiting repair: as the camera register says', { timeout: 30_000 });
  await expect(t).toHaveClass(/tile--repair/);
  await expect(tree(page).getByRole('treeitem', { name: 'Cầu Thị Nghè' }).locator('[data-health]')).toHaveAttribute('data-health', 'awaiting_repair');
});

test('when the core stops, one banner says so across the wall; tiles keep their last picture; nothing claims to be current', async ({ page }) => {
  const own = await startServe();
  const port = Number(new URL(own.url).port);
  let again: Awaited<ReturnType<typeof startServe>> | null = null;
  try {
    await register(own.url, [fromLab(LIVE), fromLab(LOOP[2]!), { name: 'Hỏng', rtspMain: NOWHERE }]);
    await signIn(page, own.url);
    await page.goto(`${own.url}#/wall`);
    await put(page, 1, LIVE);
    await put(page, 2, LOOP[2]!);
    await put(page, 3, 'Hỏng');
    await expect(tileOf(page, LIVE)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(tileOf(page, LOOP[2]!)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await own.stop({ keepData: true });
    await expect(page.getByRole('alert').filter({ hasText: 'No contact with the server' })).toHaveCount(1);
    // Not N "Reconnecting" tiles: no tile speaks for itself during an outage.
    await expect(page.locator('[data-tile]').getByRole('status')).toHaveCount(0);
    for (const n of [1, 2, 3]) await expect(tile(page, n)).toHaveAttribute('data-status', 'outage');
    // The last picture stays (kept when the player let go), greyed under the banner.
    await expect(tileOf(page, LIVE).locator('.tile__still')).toHaveAttribute('data-kept', /^\d+$/);
    await expect(page.locator('.wall__stage--outage')).toHaveCount(1);
    // The tree's colours are the last known, and say so.
    await expect(tree(page).getByRole('treeitem', { name: LIVE }).locator('[data-health]')).toHaveClass(/hdot--stale/);
    again = await startServe({ dataDir: own.dataDir, port });
    await expect(page.getByRole('alert').filter({ hasText: 'No contact with the server' })).toHaveCount(0, { timeout: 30_000 });
    await expect(tileOf(page, LIVE).getByRole('status')).toHaveText('Live', { timeout: 30_000 });
  } finally {
    await again?.stop();
    await own.stop();
  }
});

test('tree, map and register dots follow what the core knows, the same in a new window from the start', async ({ page, serve }) => {
  await register(serve.url, [
    fromLab(LOOP[0]!),
    { name: 'Mất tín hiệu', rtspMain: NOWHERE },
    { name: 'Chưa xem', rtspMain: NOWHERE },
    { name: 'Chờ sửa', rtspMain: NOWHERE, status: 'awaiting_repair' },
  ]);
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, LOOP[0]!);
  await put(page, 2, 'Mất tín hiệu');
  await expect(tileOf(page, LOOP[0]!)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(tileOf(page, 'Mất tín hiệu').getByRole('status')).toHaveText(/^(Reconnecting|Offline)/, { timeout: 30_000 });

  // A window opened now, which watches none of them, knows at once.
  const other = await page.context().newPage();
  await other.goto(`${serve.url}#/map`);
  // The map's list of its cameras carries the same dots as its markers' colours.
  const point = (name: string) =>
    other
      .getByRole('region', { name: 'Cameras on the map' })
      .getByRole('button', { name: new RegExp(`${name}$`) })
      .locator('[data-health]');
  await expect(point(LOOP[0]!)).toHaveAttribute('data-health', 'live');
  await expect(point('Mất tín hiệu')).toHaveAttribute('data-health', /reconnecting|offline/);
  // Nobody watches it: until the health monitor's first probe it is "not checked yet", then offline
  // (its address answers nothing) — never green.
  await expect(point('Chưa xem')).toHaveAttribute('data-health', /^(unknown|offline)$/);
  await expect(point('Chờ sửa')).toHaveAttribute('data-health', 'awaiting_repair');
  await other.getByRole('link', { name: 'Wall', exact: true }).click();
  const dot = (name: string) => tree(other).getByRole('treeitem', { name, exact: true }).locator('[data-health]');
  await expect(dot(LOOP[0]!)).toHaveAttribute('data-health', 'live');
  await expect(dot('Chưa xem')).toHaveAttribute('data-health', /^(unknown|offline)$/);
  await expect(dot('Chưa xem')).toHaveAttribute('aria-label', /^(Not checked yet|Offline)/);
  await other.getByRole('link', { name: 'Cameras', exact: true }).click();
  // The register table's dot is the core's knowledge too (its Status column is the register's word).
  await expect(other.getByRole('row', { name: new RegExp(LOOP[0]!) }).locator('[data-health]')).toHaveAttribute('data-health', 'live');
  // The first window stops watching: what was learnt stays (offline for the failing one).
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('1');
  await other.getByRole('link', { name: 'Map', exact: true }).click();
  await expect(point('Mất tín hiệu')).toHaveAttribute('data-health', 'offline', { timeout: 30_000 });
});
