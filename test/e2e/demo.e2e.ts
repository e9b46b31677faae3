// A new user's first minutes: an empty console offers the demo site; one click later the register,
// the map, the shared views and live video are there.
import { expect, test } from './support/fixtures';

test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

test('starts the demo site from the first-run screen, then map → wall shows a camera live', async ({ page, serve, snap }) => {
  test.setTimeout(240_000);
  await page.goto(`${serve.url}#/wall`);
  await expect(page.getByRole('heading', { name: 'Danh mục chưa có camera' })).toBeVisible();
  await snap('vi-first-run');
  await page.getByRole('button', { name: 'Khởi động khu demo' }).click();
  const tree = page.getByRole('tree', { name: 'Camera' });
  await expect(tree.getByRole('treeitem', { name: 'Bến Thành – cổng Nam' })).toBeVisible({ timeout: 200_000 });
  await expect(tree.getByRole('treeitem', { name: 'Cầu Thị Nghè', exact: true }).last()).toBeVisible();

  // The shared views and the tour came with it.
  await expect(page.getByRole('combobox', { name: 'Cảnh' }).getByRole('option', { name: /Toàn cảnh trung tâm \(dùng chung\)/ })).toHaveCount(1);
  await expect(page.getByRole('combobox', { name: 'Bắt đầu tuần tra' }).getByRole('option', { name: 'Tuần tra trung tâm' })).toHaveCount(1);

  // The map places the cameras; choosing one opens its popup.
  await page.getByRole('link', { name: 'Bản đồ', exact: true }).click();
  const onMap = page.getByRole('region', { name: 'Camera trên bản đồ' });
  await expect(onMap.getByRole('button')).toHaveCount(12);
  await onMap.getByRole('button', { name: /Bến Thành – cổng Nam$/ }).click();
  await snap('vi-map');
  await page.getByRole('region', { name: 'Bến Thành – cổng Nam' }).getByRole('button', { name: 'Hiện trên tường hình' }).click();
  // The camera was already on the wall (tile 1 of the shared view on Shift+1): it is selected there,
  // and the rest of the wall stays as it was.
  const tile = page.getByRole('region', { name: 'Bến Thành – cổng Nam' });
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(tile).toHaveAttribute('data-tile', '1');
  await expect(tile).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[data-tile]')).toHaveCount(9);
  await snap('vi-demo-camera');
});
