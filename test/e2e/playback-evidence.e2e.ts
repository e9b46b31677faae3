// Recording, playback and evidence export in the real UI (serve mode, Chromium, the camera lab):
// two lab cameras record; the clerk plays them back in sync, selects a range on the timeline,
// exports it with the progress bar, and verifies the package — in English and in Vietnamese —
// and the package also passes sha256sum and openssl alone. Instant replay on a wall tile.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startLab, type Lab } from '../../src/sim/lab';
import { registerCameras, TestApi } from './support/api';
import { expect, test as base } from './support/fixtures';
import { startServe, type ServeProcess } from './support/serve';

const test = base.extend({
  serve: async ({}, use) => {
    await use(serve);
  },
});
test.describe.configure({ mode: 'serial' });

const NAMES = ['Ngã tư Bến Thành', 'Chợ Lớn'];
let lab: Lab;
let serve: ServeProcess;
let out: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  lab = await startLab({ cameras: NAMES.map((name) => ({ name, variant: 'fixed' as const })), discoveryPort: false });
  serve = await startServe({ env: { WATCHFLOOR_SEGMENT_SECONDS: '4' } });
  out = mkdtempSync(path.join(os.tmpdir(), 'wf-e2e-export-'));
  const api = await TestApi.connect(serve.url);
  const cams = await registerCameras(api, lab.cameras.map((c) => ({ name: c.name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password, point: 'Quận 1' })));
  for (const c of cams) {
    const s = (await api.call('recording.settings.list', {})).find((x) => x.cameraId === c.id);
    await api.call('recording.settings.save', { ...(s ?? { schedule: [], eventKinds: [], preSeconds: 10, postSeconds: 30, retentionDays: 30, stream: 'main' }), cameraId: c.id, mode: 'continuous' });
  }
  // Four closed segments (16 s) of each camera before the tests look at them.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const tl = await api.call('playback.timeline', { cameraIds: cams.map((c) => c.id), from: Date.now() - 600_000, to: Date.now() + 60_000 });
    const recorded = tl.map((t) => t.spans.filter((s) => s.status === 'recorded').reduce((n, s) => n + (s.to - s.from), 0));
    if (recorded.every((ms) => ms > 16_000)) break;
    if (Date.now() > deadline) throw new Error('the lab cameras did not record');
    await new Promise((r) => setTimeout(r, 1000));
  }
  api.close();
});

test.afterAll(async () => {
  await serve?.stop();
  await lab?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function openPlayback(page: Page, pick: string[]) {
  await page.goto(`${serve.url}#/playback`);
  for (const name of pick) await page.getByRole('checkbox', { name }).check();
}

async function exportAndVerify(page: Page, lang: 'en' | 'vi', snap: (n: string) => Promise<string>) {
  const L = {
    en: { jump: /Go to/, go: 'Go', exportSel: 'Export selection…', case: 'Case or incident number', reason: 'Reason', dest: 'Destination folder or drive', check: 'Check', start: 'Start export', verify: 'Verify', verified: /Verified: signed by the key below/, ready: /Ready:/ },
    vi: { jump: /Đến thời điểm/, go: 'Đến', exportSel: 'Trích xuất đoạn đã chọn…', case: 'Số hồ sơ / vụ việc', reason: 'Lý do', dest: 'Thư mục hoặc ổ đĩa đích', check: 'Kiểm tra', start: 'Bắt đầu trích xuất', verify: 'Xác minh', verified: /Đã xác minh: được ký bằng khoá dưới đây/, ready: /Sẵn sàng:/ },
  }[lang];
  await openPlayback(page, NAMES);
  // Go to 20 s ago (typed in the console's zone), play.
  const jump = page.getByLabel(L.jump);
  const when = await page.evaluate(() => Date.now() - 20_000);
  const local = new Date(when + 7 * 3600_000).toISOString().slice(0, 19);
  await jump.fill(local);
  await page.getByRole('button', { name: L.go, exact: true }).click();
  const tiles = page.locator('.pb__grid .rtile');
  await expect(tiles).toHaveCount(2);
  await page.getByRole('toolbar').getByRole('button', { name: lang === 'vi' ? 'Phát' : 'Play', exact: true }).click();
  for (const name of NAMES) await expect(page.getByRole('region', { name, exact: true })).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  // The tiles' clocks run.
  const t0 = Number(await page.locator('.rtile__time').first().getAttribute('data-utc'));
  await expect.poll(async () => Number(await page.locator('.rtile__time').first().getAttribute('data-utc')), { timeout: 10_000 }).toBeGreaterThan(t0 + 1000);
  await expect(page.locator('.tl-span--recorded').first()).toBeVisible();
  await snap(`playback-${lang}`);
  // Select 16 s → 8 s ago on the timeline by dragging on its time axis.
  const axis = page.locator('.timeline__axis');
  const box = (await axis.boundingBox())!;
  const range = await page.evaluate(() => {
    const body = document.querySelector('.timeline__body')!.getBoundingClientRect();
    return { left: body.left, width: body.width };
  });
  const win = await page.evaluate(() => {
    const spans = [...document.querySelectorAll('.tl-span--recorded')].map((e) => [Number(e.getAttribute('data-from')), Number(e.getAttribute('data-to'))]);
    return spans;
  });
  expect(win.length).toBeGreaterThan(0);
  const xOf = async (utc: number) => {
    const [from, to] = await page.evaluate(() => {
      const cursor = document.querySelector('.timeline__cursor') as HTMLElement | null;
      return [Number(cursor?.style.left ?? 0), 0];
    });
    void from;
    void to;
    return utc;
  };
  void xOf;
  // The window is 1 h wide, centred on the cursor when playback started: a selection of about 30 s
  // around the cursor is ~0.8 % of its width; drag from just before the cursor to just after.
  const cursorX = (await page.locator('.timeline__cursor').boundingBox())!.x;
  await page.mouse.move(cursorX - 6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(cursorX + 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  void range;
  await expect(page.locator('.timeline__selection')).toBeVisible();
  await page.getByRole('button', { name: L.exportSel }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(L.case).fill(lang === 'vi' ? 'VV-2025/0142' : 'CASE-2025/17');
  await dialog.getByLabel(L.reason).fill(lang === 'vi' ? 'Yêu cầu của Công an Phường Bến Thành' : 'Traffic collision, police request');
  await dialog.getByLabel(L.dest).fill(out);
  await dialog.getByRole('button', { name: L.check }).click();
  await expect(dialog.getByText(L.ready)).toBeVisible();
  await dialog.getByRole('button', { name: L.start }).click();
  await expect(dialog.getByRole('progressbar')).toBeVisible();
  await snap(`export-progress-${lang}`);
  await expect(dialog.getByRole('button', { name: L.verify, exact: true })).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: L.verify, exact: true }).click();
  await expect(dialog.getByText(L.verified)).toBeVisible({ timeout: 30_000 });
  await snap(`export-verified-${lang}`);
  const dir = (await dialog.locator('p[role=status]').first().textContent())!.replace(/^.*?: /, '').trim();
  return dir;
}

function checkWithStandardTools(dir: string) {
  expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir }).status).toBe(0);
  const ossl = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sig'], { cwd: dir });
  expect(ossl.stdout.toString()).toContain('Signature Verified Successfully');
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { cameras: Array<{ name: string }>; case: { number: string } };
}

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });
  test('plays two cameras in sync, exports a timeline selection with the progress bar, and verifies it', async ({ page, snap }) => {
    test.setTimeout(120_000);
    const dir = await exportAndVerify(page, 'en', snap);
    const manifest = checkWithStandardTools(dir);
    expect(manifest.case.number).toBe('CASE-2025/17');
    expect(manifest.cameras.map((c) => c.name).sort()).toEqual([...NAMES].sort());
  });

  test('frame steps, speed and reverse play from the keyboard, and a bookmark found without diacritics', async ({ page }) => {
    await openPlayback(page, [NAMES[1]!]);
    const when = await page.evaluate(() => Date.now() - 25_000);
    await page.getByLabel(/Go to/).fill(new Date(when + 7 * 3600_000).toISOString().slice(0, 19));
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    const tile = page.getByRole('region', { name: NAMES[1]!, exact: true });
    await expect(tile).toHaveAttribute('data-state', 'paused', { timeout: 20_000 });
    const shown = async () => Number(await tile.locator('.rtile__time').getAttribute('data-utc'));
    await expect.poll(shown).toBeGreaterThan(0);
    const t0 = await shown();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('.');
    await page.keyboard.press('.');
    await expect.poll(shown).toBeGreaterThan(t0 + 60);
    const t1 = await shown();
    await page.keyboard.press(',');
    await expect.poll(shown).toBeLessThan(t1);
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await expect(page.getByRole('combobox', { name: /Speed/ })).toHaveValue('4');
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    // Space plays and pauses, as in every player.
    await page.keyboard.press('Space');
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 10_000 });
    await page.keyboard.press('Space');
    await expect(tile).toHaveAttribute('data-state', 'paused');
    // Reverse: the time shown goes down.
    const t2 = await shown();
    await page.keyboard.press('j');
    await expect.poll(shown, { timeout: 10_000 }).toBeLessThan(t2 - 500);
    await page.keyboard.press('k');
    // A bookmark here, then found by a query without diacritics.
    await page.keyboard.press('b');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('Xe tải chở hàng quá khổ trên đường Nguyễn Huệ');
    await dialog.getByRole('button', { name: 'Bookmark' }).click();
    await page.getByRole('searchbox', { name: 'Search notes' }).fill('nguyen hue qua kho');
    const found = page.getByRole('region', { name: 'Bookmarks' }).getByRole('listitem');
    await expect(found).toHaveCount(1);
    await expect(found).toContainText('Nguyễn Huệ');
    await expect(page.locator('.tl-bookmark')).toHaveCount(1);
  });

  test('instant replay on a wall tile (R), back to live with Esc', async ({ page, snap }) => {
    await page.goto(`${serve.url}#/wall`);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('1');
    await page.getByRole('tree', { name: 'Cameras' }).getByRole('treeitem', { name: NAMES[0]!, exact: true }).press('Enter');
    const tile = page.locator('[data-tile="1"]');
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('r');
    await expect(tile.getByText('Replay')).toBeVisible();
    await expect(tile.locator('.rtile')).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
    await snap('wall-replay-en');
    await page.keyboard.press('Escape');
    await expect(tile.locator('.rtile')).toHaveCount(0);
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  });
});

test.describe('in Vietnamese', () => {
  test.use({ locale: 'vi-VN' });
  test('xem lại, trích xuất và xác minh bằng tiếng Việt; các tab Trích xuất và Ghi hình', async ({ page, snap }) => {
    test.setTimeout(120_000);
    const dir = await exportAndVerify(page, 'vi', snap);
    checkWithStandardTools(dir);
    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('tab', { name: 'Trích xuất và xác minh' }).click();
    await page.getByLabel('Thư mục gói').fill(dir);
    await page.getByRole('button', { name: 'Xác minh', exact: true }).first().click();
    await expect(page.getByText(/Đã xác minh: được ký bằng khoá dưới đây/)).toBeVisible({ timeout: 30_000 });
    await snap('evidence-vi');
    await page.getByRole('tab', { name: 'Ghi hình' }).click();
    await expect(page.getByRole('heading', { name: 'Ghi hình theo camera' })).toBeVisible();
    await snap('recording-vi');
  });
});
