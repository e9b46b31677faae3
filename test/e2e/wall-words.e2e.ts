// "Words" (issue: a wall an officer can trust for a whole shift): plurals, checks that name the
// field and say what is wrong in the officer's language (never the browser's English bubble),
// Vietnamese alphabetical order, plain words for the connection, and a clock with its zone.
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';
import { addCameras, tree } from './support/wall';
import { preset } from '../../src/shared/layouts';

test.describe('in Vietnamese', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('lists in Vietnamese order, our own checks instead of the browser’s bubbles, plain connection words', async ({ page, serve }) => {
    const api = await TestApi.connect(serve.url);
    const cams = await addCameras(api, [
      { name: 'Công viên 23/9', point: 'Trung tâm' },
      { name: 'Cầu Thị Nghè', point: 'Trung tâm' },
      { name: 'Đường Đồng Khởi', point: 'Trung tâm' },
      { name: 'Dinh Độc Lập', point: 'Trung tâm' },
    ]);
    for (const name of ['Công viên', 'Cầu Ông Lãnh']) await api.call('views.save', { name, shared: true, shortcut: null, layout: preset('2x2'), tiles: [{ cameraId: cams[0]!.id, stream: 'auto' }] });
    api.close();
    await page.goto(`${serve.url}#/wall`);
    await expect(tree(page).getByRole('treeitem', { name: 'Cầu Thị Nghè' })).toBeVisible();
    const order = await tree(page).locator('.tree__camera').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(order).toEqual(['Cầu Thị Nghè', 'Công viên 23/9', 'Dinh Độc Lập', 'Đường Đồng Khởi']);
    const views = await page.getByRole('combobox', { name: 'Cảnh' }).locator('option').allTextContents();
    expect(views.slice(1)).toEqual(['Cầu Ông Lãnh (dùng chung)', 'Công viên (dùng chung)']);

    // The status bar speaks of the server, not of a "core".
    const status = page.getByRole('contentinfo');
    await expect(status.getByRole('status')).toHaveText('Đang trực tuyến');
    await expect(status).not.toContainText('lõi');
    await expect(status).toContainText('TP. Hồ Chí Minh, Hà Nội (GMT+7)');

    // Saving a view without a name: our sentence, in Vietnamese, beside the field.
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: 'Lưu cảnh' });
    await dialog.getByRole('textbox', { name: 'Tên cảnh' }).fill('');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Tên cảnh: vui lòng nhập.');
    expect(await dialog.locator('form').evaluate((f: HTMLFormElement) => f.noValidate)).toBe(true);
    await expect(dialog.getByRole('textbox', { name: 'Tên cảnh' })).toHaveAttribute('aria-invalid', 'true');
  });

  test('settings check numbers in words and pick time zones by city, shown beside the clock', async ({ page, serve }) => {
    await page.goto(`${serve.url}#/settings`);
    const dwell = page.getByRole('spinbutton', { name: 'Thời gian dừng mỗi cảnh khi tuần tra (giây)' });
    await dwell.fill('9999');
    await dwell.blur();
    await expect(page.getByRole('alert')).toHaveText('Thời gian dừng mỗi cảnh khi tuần tra (giây): số nguyên từ 3 đến 3600.');
    const zone = page.getByRole('combobox', { name: 'Múi giờ' });
    await expect(zone.getByRole('option', { name: 'Băng Cốc (GMT+7)' })).toHaveCount(1);
    await zone.selectOption('Asia/Bangkok');
    await expect(page.getByRole('contentinfo')).toContainText('Băng Cốc (GMT+7)');
    await zone.selectOption('Asia/Ho_Chi_Minh');
    await expect(page.getByRole('contentinfo')).toContainText('TP. Hồ Chí Minh, Hà Nội (GMT+7)');
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('counts say 1 window, 1 camera, 1 area — not "1 windows"', async ({ page, serve }) => {
    const api = await TestApi.connect(serve.url);
    await addCameras(api, [{ name: 'Ga Sài Gòn' }]);
    await api.call('workspace.saveWindow', { window: { key: 'w2', viewId: null, mode: 'wall', left: null, top: null, width: null, height: null, displayId: null }, closed: false });
    api.close();
    await page.goto(`${serve.url}#/wall`);
    await expect(page.getByRole('button', { name: 'Reopen 1 window', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Cameras', exact: true }).click();
    // The summary line (it also holds "Select all"): "1 camera", never "1 cameras".
    await expect(page.getByRole('status').filter({ hasText: /2 areas · 1 point · 1 camera(?!s)/ })).toBeVisible();
  });
});
