// The Add camera form says what is wrong with an address beside the field, in the console's
// language, and a save that failed at the camera step and is tried again does not add a second area
// and point (before: every retry with "New area…" created another area and point).
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';

test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

test('names the problem beside the field, and a retry after a refused camera adds one area and one point', async ({ page, serve, snap }) => {
  await page.goto(`${serve.url}#/cameras`);
  await page.getByRole('button', { name: 'Thêm camera' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm camera' });
  await dialog.getByRole('textbox', { name: 'Tên khu vực mới' }).fill('Phường Tân Định');
  await dialog.getByRole('textbox', { name: 'Tên điểm mới' }).fill('Chợ Tân Định');
  await dialog.getByRole('textbox', { name: 'Camera', exact: true }).fill('Chợ Tân Định cổng chính');
  const main = dialog.getByRole('textbox', { name: /Luồng chính/ });

  // No scheme: told at once, in Vietnamese, beside the field; nothing is sent.
  await main.fill('192.168.1.5/stream');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Địa chỉ thiếu giao thức: hãy thêm rtsp:// ở đầu')).toBeVisible();
  await expect(main).toHaveAttribute('aria-invalid', 'true');
  await snap('vi-camera-form-no-scheme');

  // A local file is not a camera.
  await main.fill('file:/etc/passwd');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Ở đây chỉ nhận địa chỉ rtsp:// và rtsps://', { exact: false })).toBeVisible();

  // Passes the form's own checks, refused by the core: the URL's user differs from the form's.
  // The area and point are made before the camera is refused.
  await main.fill('rtsp://admin:pw@192.0.2.10/main');
  await dialog.getByRole('textbox', { name: /Tên đăng nhập/ }).fill('operator');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Địa chỉ chứa tên đăng nhập hoặc mật khẩu khác')).toBeVisible();

  // Fixed and saved again: the same area and point are found, not made twice.
  await dialog.getByRole('textbox', { name: /Tên đăng nhập/ }).fill('admin');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('1 khu vực · 1 điểm · 1 mắt camera')).toBeVisible();

  const api = await TestApi.connect(serve.url);
  try {
    const tree = await api.call('register.tree', {});
    const cam = tree.cameras.find((c) => c.name === 'Chợ Tân Định cổng chính')!;
    // The password typed into the URL was moved out of it.
    expect(cam).toMatchObject({ rtspMain: 'rtsp://192.0.2.10/main', username: 'admin', hasPassword: true });
    expect(tree.areas.filter((a) => a.name === 'Phường Tân Định')).toHaveLength(1);
    expect(tree.points.filter((p) => p.name === 'Chợ Tân Định')).toHaveLength(1);
  } finally {
    api.close();
  }
});
