// The technician's side of the Health page, in Chromium against serve mode and the camera lab: the
// list of technicians and contractors edited (add, rename, take out of use), a point's periodic
// check set and changed, photos attached to a repair ticket (thumbnail, full size, history; a text
// file renamed .jpg refused), and a watched camera sending fewer frames than it is set to shown as
// degraded. Screenshots in English and Vietnamese.
import net from 'node:net';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { startLab, type Lab } from '../../src/sim/lab';
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';
import { put, tree } from './support/wall';

let lab: Lab;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  lab = await startLab({ cameras: [{ name: 'Cầu Thủ Thiêm', variant: 'fixed', live: false, fps: 5 }], discoveryPort: false });
});
test.afterAll(async () => {
  await lab?.dispose();
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function language(page: Page, lang: 'vi' | 'en') {
  await page.evaluate((l) => localStorage.setItem('wf.language', l), lang);
  await page.reload();
}

/** Two points, a camera nobody answers for (with a ticket), and the lab's slow camera. */
async function site(url: string) {
  const api = await TestApi.connect(url);
  const city = await api.call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
  const ward = await api.call('register.createArea', { parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
  const market = await api.call('register.createPoint', { areaId: ward.id, name: 'Chợ Bến Thành', custodian: 'Ban quản lý chợ', custodianContact: '028 3829 9274' });
  const bridge = await api.call('register.createPoint', { areaId: ward.id, name: 'Đầu cầu Thủ Thiêm' });
  const dead = await api.call('register.createCamera', { pointId: market.id, name: 'Cổng chợ phía Bắc', rtspMain: `rtsp://127.0.0.1:${await closedPort()}/live` });
  const slow = lab.cameras[0]!;
  const slowCam = await api.call('register.createCamera', {
    pointId: bridge.id,
    name: slow.name,
    rtspMain: slow.rtspMain,
    username: slow.username,
    password: slow.password,
    preferredStream: 'main',
  });
  const ticket = await api.call('repair.open', { cameraId: dead.id, assigneeId: 'viettel', note: 'Mất tín hiệu sau mưa lớn' });
  return { api, market, bridge, dead, slowCam, ticket };
}

const photo = () =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#35618f' } })
    .composite([{ input: Buffer.from('<svg width="1600" height="1200"><rect x="500" y="300" width="600" height="600" fill="#e0a030"/></svg>') }])
    .jpeg({ quality: 70 })
    .toBuffer();

for (const lang of ['en', 'vi'] as const) {
  const T = {
    en: {
      assigneesTab: 'Technicians and contractors',
      maintenanceTab: 'Maintenance',
      ticketsTab: 'Repair tickets',
      add: 'Add',
      name: 'Name',
      kind: 'Kind',
      technician: 'Technician',
      nameOf: 'Name of',
      addHeading: 'Add a technician or contractor',
      save: 'Save',
      disableOther: 'Take Khác / Other out of use',
      notInUse: 'Not in use',
      addPlan: 'Set a periodic check for a point',
      point: 'Point',
      every: 'Every (days)',
      lastDone: 'Last done',
      doneBy: 'Done by',
      overdue: '15 days overdue',
      changeOf: 'Change the check of Chợ Bến Thành',
      everyDays: '60 days',
      onTime: 'On time',
      ticket: /Ticket 1: Cổng chợ phía Bắc/,
      addPhoto: 'Add photo',
      hint: 'JPEG or PNG, at most 15 MB each.',
      photoAdded: 'Photo added: cột-đèn-trước-sửa.jpg',
      open: 'Open photo cột-đèn-trước-sửa.jpg full size',
      viewer: 'Photo cột-đèn-trước-sửa.jpg',
      notImage: 'This file is not a JPEG or PNG photo',
      close: 'Close',
      degraded: 'Working, needs a look · fewer frames a second than the camera is set to send',
      degradedCard: 'Working, but need a look',
      edit: 'Edit',
      editTitle: 'Edit camera “Cầu Thủ Thiêm”',
      frameRate: 'Frame rate (frames/s, main stream)',
      saveCamera: 'Save',
      degradedLine: 'Cầu Thủ Thiêm · frame rate too low (set to 25 frames a second)',
    },
    vi: {
      assigneesTab: 'Kỹ thuật viên và nhà thầu',
      maintenanceTab: 'Bảo trì',
      ticketsTab: 'Phiếu sửa chữa',
      add: 'Thêm',
      name: 'Tên',
      kind: 'Loại',
      technician: 'Kỹ thuật viên',
      nameOf: 'Tên của',
      addHeading: 'Thêm kỹ thuật viên hoặc nhà thầu',
      save: 'Lưu',
      disableOther: 'Ngừng dùng Khác / Other',
      notInUse: 'Không còn dùng',
      addPlan: 'Đặt lịch kiểm tra định kỳ cho một điểm',
      point: 'Điểm',
      every: 'Chu kỳ (ngày)',
      lastDone: 'Lần gần nhất',
      doneBy: 'Người thực hiện',
      overdue: 'quá hạn 15 ngày',
      changeOf: 'Sửa lịch kiểm tra của Chợ Bến Thành',
      everyDays: '60 ngày',
      onTime: 'Đúng hạn',
      ticket: /Phiếu 1: Cổng chợ phía Bắc/,
      addPhoto: 'Thêm ảnh',
      hint: 'Ảnh JPEG hoặc PNG, mỗi ảnh tối đa 15 MB.',
      photoAdded: 'Thêm ảnh: cột-đèn-trước-sửa.jpg',
      open: 'Mở ảnh cột-đèn-trước-sửa.jpg cỡ đầy đủ',
      viewer: 'Ảnh cột-đèn-trước-sửa.jpg',
      notImage: 'Tệp này không phải ảnh JPEG hoặc PNG',
      close: 'Đóng',
      degraded: 'Hoạt động, cần kiểm tra · số hình mỗi giây thấp hơn mức camera được đặt',
      degradedCard: 'Hoạt động nhưng cần kiểm tra',
      edit: 'Sửa',
      editTitle: 'Sửa camera “Cầu Thủ Thiêm”',
      frameRate: 'Tốc độ khung hình (hình/giây, luồng chính)',
      saveCamera: 'Lưu',
      degradedLine: 'Cầu Thủ Thiêm · tốc độ khung hình thấp (đặt 25 hình/giây)',
    },
  }[lang];

  test(`${lang}: contractors, periodic checks, ticket photos, and a camera below its frame rate`, async ({ page, serve, snap }) => {
    test.setTimeout(150_000);
    const { api, slowCam } = await site(serve.url);
    await page.goto(`${serve.url}#/health`);
    await language(page, lang);

    // The technicians and contractors: add one, rename one, take one out of use.
    await page.getByRole('tab', { name: T.assigneesTab }).click();
    const list = page.getByRole('region', { name: T.assigneesTab });
    const add = list.getByRole('form', { name: T.addHeading });
    await add.getByLabel(T.name).fill('Đội kỹ thuật Phường Bến Thành');
    await add.getByLabel(T.kind).selectOption({ label: T.technician });
    await add.getByRole('button', { name: T.add }).click();
    const rowOf = (name: string) => list.getByRole('row').filter({ has: page.getByLabel(`${T.nameOf} ${name}`, { exact: true }) });
    await expect(rowOf('Đội kỹ thuật Phường Bến Thành')).toBeVisible();
    await list.getByLabel(`${T.nameOf} FPT`, { exact: true }).fill('FPT Telecom');
    await rowOf('FPT').getByRole('button', { name: T.save }).click();
    await expect(rowOf('FPT Telecom')).toBeVisible();
    await list.getByRole('button', { name: T.disableOther }).click();
    await expect(rowOf('Khác / Other')).toContainText(T.notInUse);
    await expect.poll(async () => (await api.call('repair.assignees', {})).map((a) => `${a.name}:${a.disabled}`)).toEqual([
      'Viettel:false',
      'VNPT:false',
      'FPT Telecom:false',
      'Khác / Other:true',
      'Đội kỹ thuật Phường Bến Thành:false',
    ]);
    await snap(`${lang}-health-assignees`);

    // A periodic check for the market's point: every 30 days, last done 45 days ago: 15 days overdue.
    await page.getByRole('tab', { name: T.maintenanceTab }).click();
    const plans = page.getByRole('region', { name: lang === 'en' ? 'Periodic checks' : 'Kiểm tra định kỳ' });
    const form = plans.getByRole('form', { name: T.addPlan });
    await form.getByLabel(T.point).selectOption({ label: 'Chợ Bến Thành' });
    await form.getByLabel(T.every).fill('30');
    const lastDone = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel(T.lastDone).fill(lastDone);
    await form.getByLabel(T.doneBy).selectOption({ label: 'Đội kỹ thuật Phường Bến Thành' });
    await form.getByRole('button', { name: T.save }).click();
    const row = plans.getByRole('row', { name: /Chợ Bến Thành/ });
    await expect(row).toContainText(T.overdue);
    await expect(row).toContainText(lastDone);
    await expect(row).toContainText('Đội kỹ thuật Phường Bến Thành');
    await snap(`${lang}-health-maintenance`);
    // Changed to every 60 days: on time again.
    await row.getByRole('button', { name: T.changeOf }).click();
    const edit = plans.getByRole('form', { name: new RegExp('Chợ Bến Thành') });
    await edit.getByLabel(T.every).fill('60');
    await edit.getByRole('button', { name: T.save }).click();
    await expect(row).toContainText(T.everyDays);
    await expect(row).toContainText(T.onTime);
    expect((await api.call('maintenance.list', {}))[0]).toMatchObject({ everyDays: 60, lastDone, overdueDays: 0 });

    // Photos on the ticket: one attached (thumbnail, history, full size), a text file renamed .jpg refused.
    await page.getByRole('tab', { name: T.ticketsTab }).click();
    await page.getByRole('button', { name: 'Cổng chợ phía Bắc' }).click();
    const ticket = page.getByRole('dialog', { name: T.ticket });
    await expect(ticket).toContainText(T.hint);
    const picker = ticket.getByLabel(T.addPhoto);
    await picker.setInputFiles({ name: 'cột-đèn-trước-sửa.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await expect(ticket).toContainText(T.photoAdded);
    const thumb = ticket.getByRole('button', { name: T.open });
    await expect(thumb.locator('img')).toHaveJSProperty('complete', true);
    expect(await thumb.locator('img').evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([320, 240]);
    await picker.setInputFiles({ name: 'anh-cot.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Biên bản nghiệm thu, không phải ảnh.\n'.repeat(50)) });
    await expect(ticket.getByRole('alert')).toContainText(T.notImage);
    await snap(`${lang}-health-ticket-photos`);
    await thumb.click();
    const viewer = page.getByRole('dialog', { name: T.viewer });
    await expect.poll(() => viewer.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1600);
    await expect(viewer).toContainText('1600×1200');
    await snap(`${lang}-health-photo-full`);
    await viewer.getByRole('button', { name: T.close }).click();
    await expect(viewer).toBeHidden();
    await ticket.getByRole('button', { name: T.close, exact: true }).click();

    // The technician writes down the rate the camera is set to (25 frames a second) in the register.
    await page.goto(`${serve.url}#/cameras`);
    await page.getByRole('rowheader', { name: slowCam.name }).click();
    await page.getByRole('complementary', { name: slowCam.name }).getByRole('button', { name: T.edit }).click();
    const editor = page.getByRole('dialog', { name: T.editTitle });
    await editor.getByLabel(T.frameRate).fill('25');
    await snap(`${lang}-health-camera-frame-rate`);
    await editor.getByRole('button', { name: T.saveCamera }).click();
    await expect(editor).toBeHidden();
    await expect(page.getByRole('complementary', { name: slowCam.name })).toContainText(T.frameRate);
    expect((await api.call('register.camera', { id: slowCam.id })).frameRate).toBe(25);

    // The lab camera sends 5 frames a second; the register says 25. Watched, it is degraded.
    await page.goto(`${serve.url}#/wall`);
    await put(page, 1, slowCam.name);
    const dot = tree(page).getByRole('treeitem', { name: slowCam.name }).locator('[data-health]');
    await expect(dot).toHaveAttribute('data-health', 'degraded', { timeout: 40_000 });
    await expect(dot).toHaveAttribute('aria-label', new RegExp(T.degraded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await snap(`${lang}-health-low-fps-wall`);
    await page.goto(`${serve.url}#/health`);
    await expect(page.locator('.health__total--degraded')).toContainText('1');
    await expect(page.getByRole('region', { name: T.degradedCard })).toContainText(T.degradedLine);
    await snap(`${lang}-health-low-fps-dashboard`);
  });
}
