// The centre's own location categories: a technician adds one the built-in list lacks, corrects
// its name, and disables it; the register keeps each change. In Vietnamese, then in English.
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';

async function categories(url: string) {
  const api = await TestApi.connect(url);
  try {
    return (await api.call('register.categories', {})).filter((c) => !c.builtin).map((c) => ({ name: c.name, disabled: c.disabled }));
  } finally {
    api.close();
  }
}

test.describe('in Vietnamese', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('adds, renames and disables a category of the centre’s own', async ({ page, serve, snap }) => {
    await page.goto(`${serve.url}#/cameras`);
    await page.getByRole('tab', { name: 'Loại địa điểm' }).click();
    await expect(page.getByRole('list', { name: 'Loại có sẵn' }).getByText('Nhà trọ')).toBeVisible();
    await page.getByRole('textbox', { name: 'Loại mới' }).fill('Điểm giữ xe');
    await page.getByRole('button', { name: 'Thêm loại' }).click();
    const own = page.getByRole('list', { name: 'Loại riêng của trung tâm' });
    await expect(own.getByRole('textbox', { name: 'Tên của “Điểm giữ xe”' })).toBeVisible();
    await own.getByRole('textbox', { name: 'Tên của “Điểm giữ xe”' }).fill('Bãi giữ xe');
    await own.getByRole('button', { name: 'Đổi tên' }).click();
    await expect(own.getByRole('textbox', { name: 'Tên của “Bãi giữ xe”' })).toBeVisible();
    await own.getByRole('button', { name: 'Tắt' }).click();
    await expect(own.getByRole('button', { name: 'Bật' })).toBeVisible();
    await snap('vi-cameras-categories');
    expect(await categories(serve.url)).toEqual([{ name: 'Bãi giữ xe', disabled: true }]);
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('adds a category of the centre’s own', async ({ page, serve, snap }) => {
    await page.goto(`${serve.url}#/cameras`);
    await page.getByRole('tab', { name: 'Categories' }).click();
    await expect(page.getByText('None yet.')).toBeVisible();
    await page.getByRole('textbox', { name: 'New category' }).fill('Car park');
    await page.getByRole('button', { name: 'Add category' }).click();
    await expect(page.getByRole('list', { name: 'The centre’s own categories' }).getByRole('textbox', { name: 'Name of “Car park”' })).toBeVisible();
    await snap('en-cameras-categories');
    expect(await categories(serve.url)).toEqual([{ name: 'Car park', disabled: false }]);
  });
});
