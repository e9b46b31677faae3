// A technician adds a camera by hand, in Vietnamese; it appears in the register and on the wall's tree.
import { expect, test } from './support/fixtures';

test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

test('adds a camera with a new area and point, and finds it without diacritics', async ({ page, serve, snap }) => {
  await page.goto(`${serve.url}#/cameras`);
  await expect(page.getByRole('heading', { name: 'Danh mục đang trống' })).toBeVisible();
  await page.getByRole('button', { name: 'Thêm camera' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm camera' });
  await dialog.getByRole('textbox', { name: 'Tên khu vực mới' }).fill('Phường Đa Kao');
  await dialog.getByRole('textbox', { name: 'Tên điểm mới' }).fill('Ngã sáu Điện Biên Phủ');
  await dialog.getByRole('textbox', { name: 'Camera' }).fill('Điện Biên Phủ hướng cầu');
  await dialog.getByRole('textbox', { name: 'Luồng chính (địa chỉ RTSP)' }).fill('rtsp://192.0.2.10/main');
  await dialog.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('admin');
  await dialog.getByLabel('Mật khẩu').fill('s3cret!');
  await snap('vi-cameras-add');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('1 khu vực · 1 điểm · 1 mắt camera')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Tìm (không cần gõ dấu)' }).fill('dien bien phu');
  await expect(page.getByRole('rowheader', { name: 'Điện Biên Phủ hướng cầu' })).toBeVisible();
  // This camera's sub stream is too poor: always the main stream on the wall, even in a small tile.
  await page.getByRole('rowheader', { name: 'Điện Biên Phủ hướng cầu' }).click();
  await page.getByRole('complementary', { name: 'Điện Biên Phủ hướng cầu' }).getByRole('button', { name: 'Sửa' }).click();
  const editor = page.getByRole('dialog', { name: 'Sửa camera “Điện Biên Phủ hướng cầu”' });
  await editor.getByRole('combobox', { name: 'Luồng trên màn hình' }).selectOption('main');
  await editor.getByRole('button', { name: 'Lưu' }).click();
  await expect(editor).toBeHidden();
  await snap('vi-cameras-register');
  await page.getByRole('link', { name: 'Màn hình', exact: true }).click();
  const item = page.getByRole('tree', { name: 'Camera' }).getByRole('treeitem', { name: 'Điện Biên Phủ hướng cầu' });
  await expect(item).toBeVisible();
  await page.getByRole('combobox', { name: 'Bố cục' }).selectOption('3x3');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('5');
  await item.press('Enter');
  await expect(page.getByRole('region', { name: 'Điện Biên Phủ hướng cầu' })).toHaveAttribute('data-stream', 'main');
  await expect(page.getByRole('region', { name: 'Điện Biên Phủ hướng cầu' })).toHaveAttribute('data-tile', '5');
});
