// Trust as people meet it: the first start creates the administrator; sign-in refuses a wrong
// password and says why; an administrator makes an officer's account; the officer sees only what
// the role allows and is refused the rest; the auditor finds both refusals in the audit trail; the
// console locks and asks for the password again.
import { TestApi } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { ADMIN, startServe } from './support/serve';

test.describe('first start', () => {
  test.use({ account: null, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('asks for the administrator, refuses a short password in our own words, then opens the console', async ({ page, snap }) => {
    const fresh = await startServe({ firstStart: true });
    try {
      await page.goto(fresh.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tạo tài khoản quản trị');
      await page.getByLabel('Họ và tên').fill('Nguyễn Quản Trị');
      await page.getByLabel('Mật khẩu mới').fill('ngan');
      await page.getByRole('button', { name: 'Tạo và đăng nhập' }).click();
      await expect(page.getByRole('alert')).toHaveText('Mật khẩu phải có ít nhất 8 ký tự.');
      await snap('vi-setup');
      await page.getByLabel('Mật khẩu mới').fill('mot hai ba bon nam');
      await page.getByLabel('Nhập lại mật khẩu').fill('mot hai ba bon nam');
      await page.getByRole('button', { name: 'Tạo và đăng nhập' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Màn hình giám sát');
      await expect(page.getByRole('contentinfo')).toContainText('Nguyễn Quản Trị · Quản trị viên');
      // A second setup is refused: the first administrator exists now.
      const again = await page.request.post(new URL('/api/http/session.setup', fresh.url).toString(), {
        data: { username: 'intruder', displayName: 'x', password: 'longenough' },
        headers: { Origin: new URL(fresh.url).origin },
      });
      expect(await again.json()).toMatchObject({ ok: false, error: { code: 'setup_done' } });
    } finally {
      await fresh.stop();
    }
  });
});

test.describe('sign-in, roles and the audit trail', () => {
  test.use({ account: null, locale: 'en-GB' });

  test('an officer is refused what the role does not allow, and the auditor finds it', async ({ page, serve, snap, browser }) => {
    const admin = await TestApi.connect(serve.url, ADMIN);
    await admin.call('users.save', { username: 'trucban', displayName: 'Nguyễn Văn An', role: 'officer', scopes: [], disabled: false, password: 'officer-password' });
    await admin.call('users.save', { username: 'thanhtra', displayName: 'Đặng Quốc Huy', role: 'auditor', scopes: [], disabled: false, password: 'auditor-password' });
    admin.close();

    // A wrong password: refused, in words, and the field is cleared.
    await page.goto(serve.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await snap('en-sign-in');
    await page.getByLabel('User name').fill('trucban');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
    await expect(page.getByLabel('Password')).toHaveValue('');
    await page.getByLabel('Password').fill('officer-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video wall');
    await expect(page.getByRole('contentinfo')).toContainText('Nguyễn Văn An · Watch officer');
    // The officer's navigation has no Users, Audit or console settings…
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Audit', exact: true })).toHaveCount(0);
    await page.goto(`${serve.url}#/users`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video wall');
    // …and the core refuses the call even when a client asks for it directly.
    const officer = await TestApi.connect(serve.url, { username: 'trucban', password: 'officer-password' });
    await expect(officer.call('users.list', {})).rejects.toThrow(/permission_denied/);
    officer.close();

    // The auditor reads the trail: both refusals are there, with who and what.
    const auditorContext = await browser.newContext({ locale: 'en-GB' });
    const auditorPage = await auditorContext.newPage();
    await signIn(auditorPage, serve.url, { username: 'thanhtra', password: 'auditor-password' });
    await auditorPage.goto(serve.url);
    await expect(auditorPage.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    await auditorPage.getByLabel('User name').fill('trucban');
    const table = auditorPage.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: 'session.signIn' }).filter({ hasText: 'Failed' })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'users.list' }).filter({ hasText: 'Refused' })).toHaveCount(1);
    await auditorPage.getByRole('button', { name: 'Check the chain' }).click();
    await expect(auditorPage.getByRole('status').filter({ hasText: 'The trail is intact' })).toBeVisible();
    await auditorPage.getByLabel('User name').fill('');
    await auditorPage.screenshot({ path: 'test/e2e/screenshots/en-audit.png' });
    await auditorContext.close();
  });

  test('the console locks, keeps the password, and unlocks', async ({ page, serve, snap }) => {
    await signIn(page, serve.url);
    await page.goto(`${serve.url}#/settings`);
    await page.getByRole('button', { name: /admin · Administrator/ }).click();
    await page.getByRole('menuitem', { name: 'Lock console' }).click();
    const lock = page.getByRole('dialog', { name: 'Console locked' });
    await expect(lock).toBeVisible();
    await lock.getByLabel('Password').fill('wrong-password');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await expect(lock.getByRole('alert')).toHaveText('That password is not right.');
    await snap('en-locked');
    // A reload does not lift the lock: it is the core's, not the page's.
    await page.reload();
    await expect(page.getByRole('dialog', { name: 'Console locked' })).toBeVisible();
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('dialog', { name: 'Console locked' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  });
});

test.describe('users and roles', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('an administrator creates a ward account scoped to its ward', async ({ page, serve, snap }) => {
    const api = await TestApi.connect(serve.url);
    const city = await api.call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
    await api.call('register.createArea', { parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
    await api.call('register.createArea', { parentId: city.id, name: 'Phường Sài Gòn', kind: 'ward' });
    api.close();
    await page.goto(`${serve.url}#/users`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Người dùng và vai trò');
    await page.getByRole('button', { name: 'Tài khoản mới' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Tài khoản mới' });
    await dialog.getByLabel('Tên đăng nhập').fill('phuong.benthanh');
    await dialog.getByLabel('Họ và tên').fill('Võ Thị Hoa');
    await dialog.getByLabel('Vai trò').selectOption({ label: 'Cán bộ phường' });
    await dialog.getByLabel('Mật khẩu mới').fill('phuong-ben-thanh');
    await dialog.getByLabel('Phường Bến Thành').check();
    await snap('vi-users-new');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: 'phuong.benthanh' });
    await expect(row).toContainText('Cán bộ phường');
    await expect(row).toContainText('Phường Bến Thành');
    await snap('vi-users');
    // Signed in, the ward account sees its ward and nothing above or beside it.
    const ward = await TestApi.connect(serve.url, { username: 'phuong.benthanh', password: 'phuong-ben-thanh' });
    expect((await ward.call('register.tree', {})).areas.map((a) => a.name)).toEqual(['Phường Bến Thành']);
    ward.close();
  });
});

test.describe('the trust screens in both languages', () => {
  for (const [lang, locale, labels] of [
    ['vi', 'vi-VN', { signIn: 'Đăng nhập', user: 'Tên đăng nhập', password: 'Mật khẩu', audit: 'Nhật ký kiểm tra', users: 'Người dùng và vai trò', lock: 'Khoá màn hình', locked: 'Bàn điều khiển đang khoá' }],
    ['en', 'en-GB', { signIn: 'Sign in', user: 'User name', password: 'Password', audit: 'Audit trail', users: 'Users and roles', lock: 'Lock console', locked: 'Console locked' }],
  ] as const) {
    test.describe(lang, () => {
      test.use({ account: null, locale, timezoneId: 'Asia/Ho_Chi_Minh' });

      test(`sign-in, users, audit and lock (${lang})`, async ({ page, serve, snap }) => {
        await page.goto(serve.url);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(labels.signIn);
        await page.getByLabel(labels.user).fill('admin');
        await page.getByLabel(labels.password).fill('wrong');
        await page.getByRole('button', { name: labels.signIn }).click();
        await expect(page.getByRole('alert')).toBeVisible();
        await snap(`${lang}-sign-in-refused`);
        await page.getByLabel(labels.password).fill(ADMIN.password);
        await page.getByRole('button', { name: labels.signIn }).click();
        await page.goto(`${serve.url}#/users`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(labels.users);
        await snap(`${lang}-users-roles`);
        await page.goto(`${serve.url}#/audit`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(labels.audit);
        await expect(page.getByRole('table').getByRole('row')).not.toHaveCount(1);
        await snap(`${lang}-audit-trail`);
        await page.getByRole('contentinfo').getByRole('button', { name: /admin/ }).click();
        await page.getByRole('menuitem', { name: labels.lock }).click();
        await expect(page.getByRole('dialog', { name: labels.locked })).toBeVisible();
        await snap(`${lang}-console-locked`);
      });
    });
  }
});
