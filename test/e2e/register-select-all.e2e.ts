// A technician after a storm: every camera on one street is awaiting repair. She searches the
// street, ticks all the cameras the list shows at once (more than are on screen), sets their status
// in one go, and the others are untouched. In Vietnamese, then the same in English; screenshots.
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';

async function seed(url: string): Promise<void> {
  const api = await TestApi.connect(url);
  try {
    const city = await api.call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
    const ward = await api.call('register.createArea', { parentId: city.id, name: 'Phường Bến Nghé', kind: 'ward' });
    const street = await api.call('register.createPoint', { areaId: ward.id, name: 'Đường Lê Lợi' });
    const other = await api.call('register.createPoint', { areaId: ward.id, name: 'Chợ Bến Thành' });
    // 40 on the street: more than one screen of rows, so "all" is not just what is visible.
    for (let i = 1; i <= 40; i++) await api.call('register.createCamera', { pointId: street.id, name: `Lê Lợi ${i}`, status: 'working' });
    for (let i = 1; i <= 3; i++) await api.call('register.createCamera', { pointId: other.id, name: `Chợ ${i}`, status: 'working' });
  } finally {
    api.close();
  }
}

async function statuses(url: string): Promise<Record<string, number>> {
  const api = await TestApi.connect(url);
  try {
    const page = await api.call('register.cameras', { limit: 500 });
    const out: Record<string, number> = {};
    for (const r of page.rows) {
      const key = `${r.name.startsWith('Lê Lợi') ? 'street' : 'market'}:${r.status}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  } finally {
    api.close();
  }
}

test.describe('in Vietnamese', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('selects every camera the search lists and sets their status at once', async ({ page, serve, snap }) => {
    await seed(serve.url);
    await page.goto(`${serve.url}#/cameras`);
    await page.getByRole('searchbox', { name: 'Tìm (không cần gõ dấu)' }).fill('le loi');
    await expect(page.getByRole('status').filter({ hasText: '40 mắt camera' })).toBeVisible();
    await page.getByRole('button', { name: 'Chọn tất cả 40 camera khớp' }).click();
    const bar = page.getByRole('toolbar', { name: 'Đã chọn 40' });
    await expect(bar).toBeVisible();
    // Rows far below the screen are ticked too.
    await expect(page.getByRole('checkbox', { name: 'Chọn Lê Lợi 1', exact: true })).toBeChecked();
    await snap('vi-cameras-select-all');
    await bar.getByRole('combobox', { name: 'Đổi trạng thái…' }).selectOption('awaiting_repair');
    await expect(page.getByRole('status').filter({ hasText: 'Đã thay đổi 40 camera.' })).toBeVisible();
    await expect(bar).toBeHidden();
    expect(await statuses(serve.url)).toEqual({ 'street:awaiting_repair': 40, 'market:working': 3 });
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('selects all from the command palette, and clears the selection', async ({ page, serve, snap }) => {
    await seed(serve.url);
    await page.goto(`${serve.url}#/cameras`);
    await page.getByRole('searchbox', { name: 'Search (no diacritics needed)' }).fill('cho');
    await expect(page.getByRole('status').filter({ hasText: '3 cameras' })).toBeVisible();
    await page.getByRole('grid', { name: 'Cameras' }).click();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command or a view…' }).fill('select all');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('toolbar', { name: '3 selected' })).toBeVisible();
    await snap('en-cameras-select-all');
    await page.getByRole('button', { name: 'Clear the selection' }).click();
    await expect(page.getByRole('toolbar')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Select all 3 matching' })).toBeVisible();
  });
});
