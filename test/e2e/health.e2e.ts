// The Health page as a technician uses it, in Chromium against serve mode and the camera lab (real
// RTSP probes, a real SQLite file): the dashboard shows which cameras are down and why, a repair
// ticket opened from an offline camera is assigned, closed as repaired, and closes for good only
// once a probe reaches the camera again. Screenshots in English and Vietnamese.
import net from 'node:net';
import type { Page } from '@playwright/test';
import { startLab, type Lab } from '../../src/sim/lab';
import { registerCameras, TestApi } from './support/api';
import { expect, test } from './support/fixtures';

let lab: Lab;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  lab = await startLab({
    cameras: [
      { name: 'Cổng chợ Bến Thành', variant: 'fixed' },
      { name: 'Ngã tư Lê Lợi', variant: 'fixed' },
    ],
    discoveryPort: false,
  });
});
test.afterAll(async () => {
  await lab?.dispose();
});

/** A loopback port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** The working camera, one refusing our credentials (to be "repaired"), one nobody answers for. */
async function site(url: string) {
  const api = await TestApi.connect(url);
  await api.call('settings.update', { healthProbeSeconds: 10 });
  const [good, refusing] = lab.cameras;
  await lab.camera(refusing!.name).refuseRtspAuth(true);
  const cams = await registerCameras(api, [
    { name: good!.name, rtspMain: good!.rtspMain, username: good!.username, password: good!.password, point: 'Chợ Bến Thành' },
    { name: refusing!.name, rtspMain: refusing!.rtspMain, username: refusing!.username, password: refusing!.password, point: 'Ngã tư Lê Lợi – Nguyễn Huệ' },
    { name: 'Cầu Mống', rtspMain: `rtsp://127.0.0.1:${await closedPort()}/live`, point: 'Cầu Mống' },
  ]);
  return { api, cams };
}

async function language(page: Page, lang: 'vi' | 'en') {
  await page.evaluate((l) => localStorage.setItem('wf.language', l), lang);
  await page.reload();
}

test('in English: the dashboard, a ticket opened from an offline camera, closed once a probe succeeds', async ({ page, serve, snap }) => {
  test.setTimeout(120_000);
  const { api } = await site(serve.url);
  await page.goto(`${serve.url}#/health`);
  await language(page, 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Camera network health');
  await expect(page.getByRole('heading', { name: '2 cameras offline' })).toBeVisible({ timeout: 20_000 });
  const offline = page.getByRole('region', { name: '2 cameras offline' });
  const row = offline.getByRole('row', { name: /Ngã tư Lê Lợi/ });
  await expect(row).toContainText('credentials refused');
  await expect(offline.getByRole('row', { name: /Cầu Mống/ })).toContainText('unreachable');
  // The table centres report: counts per area with uptime.
  const areaRow = page.getByRole('row', { name: /Phường Bến Thành/ });
  await expect(areaRow).toBeVisible();
  await expect(areaRow.getByRole('cell').first()).toHaveText('1');
  await snap('en-health-dashboard');

  await row.getByRole('button', { name: 'Open a repair ticket for Ngã tư Lê Lợi' }).click();
  const form = page.getByRole('dialog', { name: 'Open a repair ticket for Ngã tư Lê Lợi' });
  await form.getByLabel('Assign to').selectOption({ label: 'Viettel' });
  await form.getByLabel('Note').fill('Đổi mật khẩu camera sau bảo trì');
  await snap('en-health-open-ticket');
  await form.getByRole('button', { name: 'Open repair ticket' }).click();

  const ticket = page.getByRole('dialog', { name: /Ticket 1: Ngã tư Lê Lợi/ });
  await expect(ticket).toContainText('Open');
  await expect(ticket).toContainText('Đổi mật khẩu camera sau bảo trì');
  await expect(ticket.getByLabel('Assign to')).toHaveValue('viettel');
  // The camera now awaits repair: the probes leave it so.
  expect((await api.call('register.camera', { id: (await api.call('repair.get', { id: (await api.call('repair.list', {}))[0]!.id })).cameraId! })).status).toBe('awaiting_repair');

  // The technician fixes the camera, then says so: the ticket closes when the probe gets through.
  await lab.camera('Ngã tư Lê Lợi').refuseRtspAuth(false);
  await ticket.getByRole('button', { name: 'Repair done' }).click();
  await expect(ticket).toContainText('Closed', { timeout: 20_000 });
  await expect(ticket).toContainText('A probe reached the camera: closed, camera working');
  await snap('en-health-ticket-closed');
  await ticket.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: '1 camera offline' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Repair tickets' }).click();
  await expect(page.getByRole('region', { name: 'Repair tickets' }).getByRole('row', { name: /Ngã tư Lê Lợi/ })).toContainText('Closed');
  await snap('en-health-tickets');
});

test('in Vietnamese: the dashboard and the ticket list', async ({ page, serve, snap }) => {
  test.setTimeout(90_000);
  const { api, cams } = await site(serve.url);
  await page.goto(`${serve.url}#/health`);
  await language(page, 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tình trạng mạng camera');
  await expect(page.getByRole('heading', { name: '2 camera mất kết nối' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: '2 camera mất kết nối' }).getByRole('row', { name: /Ngã tư Lê Lợi/ })).toContainText('sai tài khoản hoặc mật khẩu');
  await api.call('repair.open', { cameraId: cams[2]!.id, assigneeId: 'vnpt', note: 'Mất nguồn sau mưa' });
  await expect(page.getByRole('row', { name: /VNPT/ })).toBeVisible();
  await snap('vi-health-dashboard');
  await page.getByRole('tab', { name: 'Phiếu sửa chữa' }).click();
  await page.getByRole('button', { name: 'Cầu Mống' }).click();
  const ticket = page.getByRole('dialog', { name: /Phiếu 1: Cầu Mống/ });
  await expect(ticket).toContainText('Mất nguồn sau mưa');
  await snap('vi-health-ticket');
  await lab.camera('Ngã tư Lê Lợi').refuseRtspAuth(false);
});
