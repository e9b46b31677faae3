// The book of the shift as the watch officer uses it, in Chromium against serve mode and the camera
// lab (real ONVIF events and snapshots, real RTSP, real ffmpeg, a real SQLite file):
// - from a live tile: a new incident with a full-resolution snapshot, a comment, status moves to
//   closed, found by a search typed without diacritics, the list exported to XLSX and read back;
// - a motion event from a lab camera raises an alarm (sound, flashing tile) that is acknowledged,
//   and the next one escalated to an incident;
// - a shift signed off, taken over by another officer, and its minute printed to PDF.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { startLab, type Lab } from '../../src/sim/lab';
import { registerCameras, TestApi } from './support/api';
import { expect, SCREENSHOT_DIR, signIn, test } from './support/fixtures';

let lab: Lab;
const CAMERA = 'Ngã tư Nguyễn Huệ';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  lab = await startLab({ cameras: [{ name: CAMERA, variant: 'fixed' }], discoveryPort: false });
});
test.afterAll(async () => {
  await lab?.dispose();
});

async function camera(url: string) {
  const api = await TestApi.connect(url);
  const c = lab.cameras[0]!;
  const [cam] = await registerCameras(api, [
    { name: CAMERA, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password, point: 'Nguyễn Huệ – Lê Lợi' },
  ]);
  return { api, cam: cam! };
}

/** Registers the lab camera with its ONVIF address too (events and the snapshot URI). */
async function onvifCamera(url: string) {
  const api = await TestApi.connect(url);
  const c = lab.cameras[0]!;
  const city = await api.call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
  const ward = await api.call('register.createArea', { parentId: city.id, name: 'Phường Bến Nghé', kind: 'ward' });
  const point = await api.call('register.createPoint', { areaId: ward.id, name: 'Nguyễn Huệ – Lê Lợi', lat: 10.7745, lon: 106.7019 });
  const cam = await api.call('register.createCamera', {
    pointId: point.id,
    name: CAMERA,
    rtspMain: c.rtspMain,
    rtspSub: c.rtspSub,
    onvifUrl: c.onvif,
    username: c.username,
    password: c.password,
  });
  return { api, cam };
}

/** This browser's own language choice (the sign-in screen's switch), then a reload. */
async function language(page: Page, lang: 'vi' | 'en') {
  await page.evaluate((l) => localStorage.setItem('wf.language', l), lang);
  await page.reload();
}

async function put(page: Page, tile: number, name: string, treeName: string) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(String(tile));
  await page.getByRole('tree', { name: treeName }).getByRole('treeitem', { name, exact: true }).press('Enter');
  await expect(page.getByRole('region', { name, exact: true })).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
}

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });

  test('from a live tile: an incident with a snapshot, commented, closed, found without diacritics, exported to XLSX', async ({
    page,
    serve,
    snap,
  }) => {
    test.setTimeout(150_000);
    const { api } = await onvifCamera(serve.url);
    api.close();
    await page.goto(`${serve.url}#/wall`);
    await put(page, 1, CAMERA, 'Cameras');
    const tile = page.getByRole('region', { name: CAMERA, exact: true });
    await tile.hover();
    await tile.getByRole('button', { name: 'New incident from this camera' }).click();
    const dialog = page.getByRole('dialog', { name: `New incident: ${CAMERA}` });
    await expect(dialog).toBeVisible();
    // The full-resolution still, not the tile's 640×360 sub stream.
    await expect(dialog.getByRole('img', { name: 'Snapshot' })).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText(/^1280×720 · /)).toBeVisible();
    await expect(dialog.getByText(`${CAMERA} · Nguyễn Huệ – Lê Lợi · Phường Bến Nghé`)).toBeVisible();
    await dialog.getByLabel('Summary').fill('Tụ tập đông người trên đường Nguyễn Huệ');
    await dialog.getByLabel('Category').selectOption({ label: 'Public order and crime' });
    await dialog.getByLabel('Description').fill('Khoảng 30 người tụ tập, có xe máy biển số 59X1-234.56 chạy lạng lách.');
    await dialog.getByLabel('Vehicles (plates, comma between)').fill('59X1-234.56');
    await snap('en-wall-new-incident');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const toast = page.getByRole('status').filter({ hasText: /Incident \d{4}-000001 logged\./ });
    await expect(toast).toBeVisible();
    // Still on the wall, video still playing.
    await expect(tile).toHaveAttribute('data-state', 'live');
    await toast.getByRole('link', { name: 'Open' }).click();

    const detail = page.getByRole('article');
    await expect(detail.getByRole('heading', { name: /Incident \d{4}-000001/ })).toBeVisible();
    await expect(detail.getByRole('img', { name: /\.jpg$/ })).toBeVisible();
    await detail.getByLabel('Comment').fill('Đã báo Công an phường Bến Nghé, tổ tuần tra đang đến.');
    await detail.getByRole('button', { name: 'Add comment' }).click();
    // The timeline shows the comment (the field itself may still hold it for a moment, until the save is confirmed).
    await expect(detail.getByRole('region', { name: 'Timeline' }).getByRole('paragraph').filter({ hasText: 'Đã báo Công an phường Bến Nghé, tổ tuần tra đang đến.' })).toBeVisible();
    await expect(detail.getByLabel('Comment')).toHaveValue('');
    for (const [button, status] of [
      ['Start work', 'In progress'],
      ['Mark resolved', 'Resolved'],
      ['Close incident', 'Closed'],
    ] as const) {
      await detail.getByRole('button', { name: button, exact: true }).click();
      await expect(detail.getByRole('heading').locator('.status')).toHaveText(status);
    }
    await expect(detail.getByText('set the status to Closed')).toBeVisible();

    // Found by a search typed without diacritics.
    await page.getByRole('searchbox', { name: 'Search incidents (no accents needed)' }).fill('tu tap nguyen hue');
    const list = page.getByRole('table', { name: 'Incidents, newest first' });
    await expect(list.getByRole('row')).toHaveCount(2);
    await expect(list.getByRole('cell', { name: 'Tụ tập đông người trên đường Nguyễn Huệ' })).toBeVisible();
    await snap('en-incidents');

    // Export what is filtered to XLSX and read it back with a library.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export XLSX' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.getWorksheet('Incidents')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['No.', 'Summary', 'Status']));
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toMatch(/^\d{4}-000001$/);
    expect(row.getCell(6).value).toBe('Closed');
    expect(row.getCell(7).value).toBe('Tụ tập đông người trên đường Nguyễn Huệ');
    expect(row.getCell(10).value).toBe(CAMERA);
    expect(row.getCell(12).value).toBe('59X1-234.56');

    // The same screen in Vietnamese, to look at.
    await language(page, 'vi');
    await page.getByRole('searchbox', { name: 'Tìm vụ việc (gõ không dấu cũng được)' }).fill('nguyen hue');
    await page.getByRole('button', { name: /^\d{4}-000001$/ }).click();
    await expect(page.getByRole('article').getByRole('heading', { name: /Vụ việc \d{4}-000001/ })).toBeVisible();
    await snap('vi-incidents');
  });
});

test.describe('bằng tiếng Việt', () => {
  test.use({ locale: 'vi-VN' });

  test('a motion event raises an alarm that sounds and flashes its tile; acknowledged, then escalated', async ({ page, serve, snap }) => {
    test.setTimeout(150_000);
    const { api } = await onvifCamera(serve.url);
    api.close();
    await page.goto(`${serve.url}#/wall`);
    await put(page, 1, CAMERA, 'Camera');
    // Let the core's pull-point subscription start before the camera moves.
    const bell = page.locator('.alarm-bell');
    await expect(bell).toHaveText('Không có cảnh báo chờ xử lý');
    await page.waitForTimeout(2500);
    const cam = lab.camera(CAMERA);
    cam.raiseMotion(false);
    cam.raiseMotion(true);
    await expect(bell).toHaveText('Cảnh báo: 1 chưa xác nhận', { timeout: 30_000 });
    await expect(bell).not.toHaveAttribute('data-tones', '0');
    const tile = page.getByRole('region', { name: CAMERA, exact: true });
    await expect(tile).toHaveAttribute('data-alarm', 'normal');
    await expect(tile.getByText('Chuyển động ×1')).toBeVisible();
    await bell.click();
    const drawer = page.getByRole('complementary', { name: 'Hàng đợi cảnh báo' });
    const row = drawer.getByRole('listitem', { name: `Bình thường: Chuyển động, ${CAMERA}` });
    await expect(row).toBeVisible();
    await snap('vi-wall-alarm');
    await row.getByRole('button', { name: 'Xác nhận' }).click();
    const ack = page.getByRole('dialog', { name: 'Xác nhận 1 cảnh báo' });
    await ack.getByLabel('Ghi chú (đã thấy gì, đã làm gì)').fill('Người đi bộ qua đường, không có gì bất thường.');
    await ack.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(bell).toHaveText('Không có cảnh báo chờ xử lý');
    await expect(tile).not.toHaveAttribute('data-alarm', /.+/);

    // The next motion opens a new row: escalated to an incident, prefilled.
    cam.raiseMotion(false);
    cam.raiseMotion(true);
    await expect(bell).toHaveText('Cảnh báo: 1 chưa xác nhận', { timeout: 30_000 });
    await drawer.getByRole('button', { name: 'Chuyển thành vụ việc' }).click();
    const dialog = page.getByRole('dialog', { name: `Vụ việc từ cảnh báo: Chuyển động, ${CAMERA}` });
    await expect(dialog.getByLabel('Nội dung tóm tắt')).toHaveValue(`Chuyển động — ${CAMERA}`);
    await expect(dialog.getByRole('img', { name: 'Ảnh chụp' })).toBeVisible({ timeout: 30_000 });
    await dialog.getByLabel('Nội dung tóm tắt').fill('Đối tượng khả nghi cạy khóa xe máy');
    await dialog.getByLabel('Loại vụ việc').selectOption({ label: 'An ninh trật tự, tội phạm' });
    await snap('vi-escalate');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Đã ghi nhận vụ việc \d{4}-000001\./ })).toBeVisible();
    await expect(bell).toHaveText('Không có cảnh báo chờ xử lý');

    await page.goto(`${serve.url}#/incidents?tab=alarms`);
    const history = page.getByRole('region', { name: 'Cảnh báo gần đây' });
    await expect(history.getByRole('link', { name: /^\d{4}-000001$/ })).toBeVisible();
    await expect(history.getByText('Người đi bộ qua đường, không có gì bất thường.')).toBeVisible();
    // One more, left open, to see the queue and the wall in both languages.
    cam.raiseMotion(false);
    cam.raiseMotion(true);
    await expect(bell).toHaveText('Cảnh báo: 1 chưa xác nhận', { timeout: 30_000 });
    await snap('vi-alarms');
    await language(page, 'en');
    await expect(page.locator('.alarm-bell')).toHaveText('Alarms: 1 open');
    await snap('en-alarms');
    await page.goto(`${serve.url}#/wall`);
    await put(page, 1, CAMERA, 'Cameras');
    await page.locator('.alarm-bell').click();
    await expect(page.getByRole('complementary', { name: 'Alarm queue' })).toBeVisible();
    await snap('en-wall-alarm');
  });

  test('a shift is signed off, taken over by the next officer, and printed as the minute (biên bản giao ca)', async ({
    page,
    serve,
    snap,
    browser,
  }) => {
    test.setTimeout(120_000);
    const { api, cam } = await camera(serve.url);
    await api.call('incidents.create', { title: 'Cháy nhỏ tại quán ăn, đã dập tắt', categoryId: 'fire', cameraIds: [cam.id], severity: 'high' });
    await api.call('users.save', { username: 'nhanca', displayName: 'Trần Thị Nhận', role: 'officer', password: 'nhan-ca-password' });
    api.close();
    await page.goto(`${serve.url}#/incidents?tab=shift`);
    await expect(page.getByRole('tab', { name: 'Giao ca' })).toHaveAttribute('aria-selected', 'true');
    const current = page.getByRole('region', { name: 'Ca này' });
    await expect(current.getByText(/Vụ việc mới tiếp nhận \(1\)/)).toBeVisible();
    await current.getByLabel('Nội dung bàn giao (những gì ca sau cần biết)').fill('Camera Ngã tư Nguyễn Huệ hoạt động tốt. Theo dõi quán ăn số 12.');
    await snap('vi-shift');
    await current.getByRole('button', { name: 'Ký giao ca' }).click();
    await page.getByRole('dialog', { name: 'Ký giao ca' }).getByRole('button', { name: 'Ký giao ca' }).click();
    await expect(page.getByText('Đã ký giao ca. Người nhận ca có thể nhận ca ngay.')).toBeVisible();

    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1600, height: 900 } });
    const next = await ctx.newPage();
    await signIn(next, serve.url, { username: 'nhanca', password: 'nhan-ca-password' });
    await next.goto(`${serve.url}#/incidents?tab=shift`);
    const pending = next.getByRole('region', { name: 'Đang chờ nhận ca' });
    await pending.getByRole('button', { name: 'Nhận ca' }).click();
    await next.getByRole('dialog', { name: 'Nhận ca' }).getByLabel('Ghi chú khi nhận ca (không bắt buộc)').fill('Đã nhận đủ.');
    await next.getByRole('dialog', { name: 'Nhận ca' }).getByRole('button', { name: 'Nhận ca' }).click();
    await expect(next.getByText(/Bạn đã nhận ca từ /)).toBeVisible();
    await next.getByRole('region', { name: 'Các lần giao ca' }).getByRole('button', { name: 'Xem' }).click();
    await expect(next.getByText(/Người nhận ca: Trần Thị Nhận/).first()).toBeVisible();
    await next.screenshot({ path: path.join(SCREENSHOT_DIR, 'vi-shift-taken.png') });
    await language(page, 'en');
    await expect(page.getByRole('region', { name: 'Handovers' })).toBeVisible();
    await page.getByRole('region', { name: 'Handovers' }).getByRole('button', { name: 'View' }).click();
    await expect(page.getByText(/Incoming: Trần Thị Nhận/).first()).toBeVisible();
    await snap('en-shift');

    const [download] = await Promise.all([
      next.waitForEvent('download'),
      next.getByRole('link', { name: 'Biên bản giao ca (PDF tiếng Việt)' }).click(),
    ]);
    const pdf = await download.path();
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    copyFileSync(pdf, path.join(SCREENSHOT_DIR, 'vi-bien-ban-giao-ca.pdf'));
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const s of [
      'BIÊN BẢN GIAO CA',
      'Người giao ca: admin',
      'Người nhận ca: Trần Thị Nhận',
      'Cháy nhỏ tại quán ăn, đã dập tắt',
      'Theo dõi quán ăn số 12.',
    ])
      expect(text).toContain(s);
    const [en] = await Promise.all([next.waitForEvent('download'), next.getByRole('link', { name: 'Biên bản (PDF tiếng Anh)' }).click()]);
    copyFileSync(await en.path(), path.join(SCREENSHOT_DIR, 'en-shift-handover.pdf'));
    expect(spawnSync('pdftotext', [await en.path(), '-'], { encoding: 'utf8' }).stdout).toContain('SHIFT HANDOVER MINUTE');
    await ctx.close();
  });
});
