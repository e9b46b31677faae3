// The app frame as an operator meets it: every page reachable, in Vietnamese and English,
// by mouse and by keyboard, with the status bar showing the core connection.
import { expect, signIn, test } from './support/fixtures';
import { startServe } from './support/serve';

const PAGES = [
  { id: 'wall', en: 'Video wall', vi: 'Màn hình giám sát', navEn: 'Wall', navVi: 'Màn hình' },
  { id: 'map', en: 'Map', vi: 'Bản đồ', navEn: 'Map', navVi: 'Bản đồ' },
  { id: 'incidents', en: 'Incidents', vi: 'Vụ việc', navEn: 'Incidents', navVi: 'Vụ việc' },
  { id: 'cameras', en: 'Cameras', vi: 'Camera', navEn: 'Cameras', navVi: 'Camera' },
  { id: 'health', en: 'Camera network health', vi: 'Tình trạng mạng camera', navEn: 'Health', navVi: 'Tình trạng' },
  { id: 'playback', en: 'Playback', vi: 'Xem lại', navEn: 'Playback', navVi: 'Xem lại' },
  { id: 'reports', en: 'Reports', vi: 'Báo cáo', navEn: 'Reports', navVi: 'Báo cáo' },
  { id: 'users', en: 'Users and roles', vi: 'Người dùng và vai trò', navEn: 'Users', navVi: 'Người dùng' },
  { id: 'audit', en: 'Audit trail', vi: 'Nhật ký kiểm tra', navEn: 'Audit', navVi: 'Nhật ký' },
  { id: 'settings', en: 'Settings', vi: 'Cài đặt', navEn: 'Settings', navVi: 'Cài đặt' },
] as const;

test.describe('under an English locale', () => {
  test.use({ locale: 'en-GB' });

  test('visits every page by navigation and shows the status bar', async ({ page, serve, snap }) => {
    await page.goto(serve.url);
    const status = page.getByRole('contentinfo', { name: 'Status bar' });
    await expect(status.getByRole('status')).toHaveText('Online');
    await expect(status).toContainText('admin · Administrator');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const p of PAGES) {
      await nav.getByRole('link', { name: p.navEn, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.en);
      await expect(page).toHaveURL(new RegExp(`#/${p.id}$`));
      await snap(`en-${p.id}`);
    }
  });

  test('reaches every page from the keyboard (Alt+1 … Alt+9, Alt+0)', async ({ page, serve }) => {
    await page.goto(serve.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video wall');
    for (const [i, p] of PAGES.entries()) {
      await page.keyboard.press(`Alt+${(i + 1) % 10}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.en);
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    }
  });

  test('switches language in Settings at once, and keeps it after a reload', async ({ page, serve, snap }) => {
    await page.goto(`${serve.url}#/settings`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cài đặt');
    await expect(page.getByRole('link', { name: 'Vụ việc', exact: true })).toBeVisible();
    await snap('vi-settings-switched');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cài đặt');
    // Back to the system language for the other tests of this worker.
    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('system');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  });

  test('makes a backup from Settings', async ({ page, serve }) => {
    await page.goto(`${serve.url}#/settings`);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Backup written to' })).toContainText(serve.dataDir);
  });

  test('says so when the core goes away, and reconnects by itself when it is back', async ({ page }) => {
    // A core of its own: this test stops it and starts it again on the same port and data dir.
    const first = await startServe();
    const port = new URL(first.url).port;
    let second: Awaited<ReturnType<typeof startServe>> | null = null;
    try {
      await signIn(page, first.url);
      await page.goto(first.url);
      const conn = page.getByRole('contentinfo').getByRole('status');
      await expect(conn).toHaveText('Online');
      await first.child.kill('SIGTERM');
      await expect(conn).toHaveText('No connection to the server — retrying');
      second = await startServe({ dataDir: first.dataDir, port: Number(port) });
      await expect(conn).toHaveText('Online', { timeout: 20_000 });
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    } finally {
      await second?.stop();
      await first.stop();
    }
  });
});

test.describe('under a Vietnamese locale', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('shows the frame in Vietnamese and visits every page', async ({ page, serve, snap }) => {
    await page.goto(serve.url);
    await expect(page.getByRole('contentinfo').getByRole('status')).toHaveText('Đang trực tuyến');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    for (const p of PAGES) {
      await nav.getByRole('link', { name: p.navVi, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.vi);
      await snap(`vi-${p.id}`);
    }
  });
});
