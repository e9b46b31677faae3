// Live video on the wall against the virtual camera lab (real RTSP from GStreamer, real ffmpeg,
// real mpegts.js in Chromium): tiles play, a second viewer starts from the GOP cache, a stream that
// stops comes back by itself, wrong passwords and H.265 cameras are shown for what they are, and a
// killed core leaves no ffmpeg behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { startLab, type Lab } from '../../src/sim/lab';
import { registerCameras, TestApi } from './support/api';
import { expect, signIn, test as base } from './support/fixtures';
import { startServe, type ServeProcess } from './support/serve';
import { pictureWidth, presentedFrames } from './support/wall';
import type { Page } from '@playwright/test';

// One core for the whole file (the lab's nine cameras are registered once): pages sign in to it.
const test = base.extend({
  serve: async ({}, use) => {
    await use(serve);
  },
});
test.use({ locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

let lab: Lab;
let serve: ServeProcess;

let names: string[];

const NAMES = ['Cổng chợ', 'Ngã tư Lê Lợi', 'Nhà thờ', 'Bến xe', 'Ga Sài Gòn', 'Cầu Thị Nghè', 'Công viên', 'Bến cảng', 'Hẻm 42'];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  lab = await startLab({
    cameras: [
      { name: NAMES[0], variant: 'fixed' },
      { name: NAMES[1], variant: 'ptz' },
      { name: NAMES[2], variant: 'h265' },
      { name: NAMES[3], variant: 'fixed' },
      { name: NAMES[4], variant: 'fixed' },
      { name: NAMES[5], variant: 'dead' },
      { name: NAMES[6], variant: 'fixed' },
      { name: NAMES[7], variant: 'ptz' },
      { name: NAMES[8], variant: 'fixed' },
    ],
    discoveryPort: false,
  });
  serve = await startServe();
  const api = await TestApi.connect(serve.url);
  const cams = lab.cameras.map((c) => ({ name: c.name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password }));
  cams.push({ name: 'Sai mật khẩu', rtspMain: lab.cameras[0]!.rtspMain, rtspSub: lab.cameras[0]!.rtspSub, username: 'admin', password: 'wrong-password' });
  await registerCameras(api, cams);
  api.close();
  names = cams.map((c) => c.name);
});

test.afterAll(async () => {
  await serve?.stop();
  await lab?.dispose();
});

async function put(page: Page, tile: number, camera: string) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(String(tile));
  await page.getByRole('tree', { name: 'Cameras' }).getByRole('treeitem', { name: camera, exact: true }).press('Enter');
}

async function expectPlaying(page: Page, camera: string) {
  const tile = page.getByRole('region', { name: camera, exact: true });
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  const f0 = await presentedFrames(page, camera);
  await expect.poll(() => presentedFrames(page, camera), { timeout: 10_000 }).toBeGreaterThan(f0 + 10);
}

test('tiles play live video; the dead camera and the wrong password say why', async ({ page, snap }) => {
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, NAMES[0]!);
  await put(page, 2, NAMES[1]!);
  await put(page, 3, NAMES[5]!);
  await put(page, 4, 'Sai mật khẩu');
  await expectPlaying(page, NAMES[0]!);
  await expectPlaying(page, NAMES[1]!);
  await expect(page.getByRole('region', { name: NAMES[5]! }).getByRole('status')).toContainText(/cannot be reached|Reconnecting/, { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Sai mật khẩu' }).getByRole('status')).toHaveText('Offline: the camera refused the user name or password', { timeout: 30_000 });
  // Stats on demand.
  // A tile's tools show on the selected tile (and under the mouse).
  await page.getByRole('region', { name: NAMES[0]! }).hover();
  await page.getByRole('region', { name: NAMES[0]! }).getByRole('button', { name: 'Stats' }).click();
  await expect(page.getByRole('region', { name: NAMES[0]! }).getByRole('note')).toContainText(/H264 \d+×\d+ · \d+ fps/, { timeout: 10_000 });
  await snap('live-2x2');
});

test('a second viewer starts from the running stream, and an H.265 camera is transcoded and marked', async ({ page, browser }) => {
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, NAMES[0]!);
  await put(page, 2, NAMES[2]!);
  await expectPlaying(page, NAMES[0]!);
  const other = await browser.newPage();
  await signIn(other, serve.url);
  await other.goto(`${serve.url}#/wall`);
  await put(other, 1, NAMES[0]!);
  await expectPlaying(other, NAMES[0]!);
  await other.close();
  await expectPlaying(page, NAMES[2]!);
  await expect(page.getByRole('region', { name: NAMES[2]! }).getByText('Transcoded')).toBeVisible();
});

test('a stream that stops shows reconnecting and comes back by itself', async ({ page }) => {
  await page.goto(`${serve.url}#/wall`);
  await put(page, 1, NAMES[3]!);
  await expectPlaying(page, NAMES[3]!);
  const cam = lab.camera(NAMES[3]!);
  await cam.stopStream();
  const status = page.getByRole('region', { name: NAMES[3]! }).getByRole('status');
  await expect(status).toContainText(/Reconnecting|Offline/, { timeout: 30_000 });
  await cam.startStream();
  await expectPlaying(page, NAMES[3]!);
});

test('a 3x3 wall, a maximised tile with the main stream, and a snapshot', async ({ page, snap }) => {
  await page.goto(`${serve.url}#/wall`);
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('3x3');
  for (let i = 0; i < 9; i++) await put(page, i + 1, names[i]!);
  for (const n of [0, 1, 3, 4, 6, 7, 8]) await expect(page.getByRole('region', { name: names[n]!, exact: true })).toHaveAttribute('data-state', 'live', { timeout: 40_000 });
  await page.waitForTimeout(1500);
  await snap('live-3x3');
  await page.getByRole('region', { name: NAMES[1]! }).dblclick();
  const big = page.getByRole('region', { name: NAMES[1]! });
  await expect(big).toHaveAttribute('data-stream', 'main');
  await expectPlaying(page, NAMES[1]!);
  await expect.poll(() => pictureWidth(page, NAMES[1]!)).toBe(1280);
  await snap('live-maximised');
  const [download] = await Promise.all([page.waitForEvent('download'), big.getByRole('button', { name: 'Snapshot' }).click()]);
  // The picture's own time, in the console's zone with its offset (Asia/Ho_Chi_Minh: +0700).
  expect(download.suggestedFilename()).toMatch(/^Nga-tu-Le-Loi-\d{8}T\d{6}\+0700\.png$/);
  const png = readFileSync(await download.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(1280); // width from the IHDR chunk
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-tile]')).toHaveCount(9);
});

test('no ffmpeg is left behind when the core is killed', async ({ page }) => {
  const own = await startServe({ dataDir: serve.dataDir });
  try {
    await page.goto(`${own.url}#/wall`);
    await put(page, 1, NAMES[4]!);
    await expectPlaying(page, NAMES[4]!);
    // ffmpeg processes the killed core started: its children, pulling from this camera's port.
    const children = (): number[] => {
      const out: number[] = [];
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          if (ppid === own.child.pid && cmd.includes('ffmpeg')) out.push(Number(pid));
        } catch {
          // gone already
        }
      }
      return out;
    };
    const before = children();
    expect(before.length).toBeGreaterThan(0);
    own.child.kill('SIGKILL');
    await expect.poll(() => before.filter((pid) => existsSync(`/proc/${pid}`)).length, { timeout: 10_000 }).toBe(0);
  } finally {
    await own.stop();
  }
});
