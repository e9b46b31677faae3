// The wall's arrangement as an operator uses it: cameras dragged onto tiles, layouts, the grid
// editor, views saved and loaded, tours, a second window and the keyboard. The cameras here point
// at addresses with nothing behind them, so these tests are about arrangement, not video (see
// live-wall.e2e.ts for that): every tile must say it cannot reach its camera.
import { expect, test } from './support/fixtures';
import { registerCameras, TestApi } from './support/api';

test.use({ locale: 'en-GB' });

test('arranges cameras, saves a view, loads it back and runs a tour', async ({ page, serve, snap }) => {
  const api = await TestApi.connect(serve.url);
  // 127.0.0.1:9 (discard) refuses connections: each tile must end up saying so.
  const cams = await registerCameras(api, [
    { name: 'Chợ Bến Thành cổng Nam', rtspMain: 'rtsp://127.0.0.1:9/main', point: 'Chợ Bến Thành' },
    { name: 'Ngã tư Nguyễn Huệ – Lê Lợi', rtspMain: 'rtsp://127.0.0.1:9/main', point: 'Nguyễn Huệ' },
    { name: 'Công viên 23/9', rtspMain: 'rtsp://127.0.0.1:9/main', point: 'Công viên' },
  ]);
  api.close();

  await page.goto(`${serve.url}#/wall`);
  const tree = page.getByRole('tree', { name: 'Cameras' });
  await expect(tree.getByRole('treeitem', { name: cams[0]!.name })).toBeVisible();

  // Search without diacritics.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search cameras (/)' })).toBeFocused();
  await page.keyboard.type('nguyen hue');
  await expect(tree.getByRole('treeitem', { name: cams[1]!.name })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: cams[0]!.name })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search cameras (/)' }).fill('');

  // Drag from the tree onto tiles.
  await tree.getByRole('treeitem', { name: cams[0]!.name }).dragTo(page.locator('[data-tile="1"]'));
  await tree.getByRole('treeitem', { name: cams[1]!.name }).dragTo(page.locator('[data-tile="4"]'));
  await expect(page.getByRole('region', { name: cams[0]!.name })).toHaveAttribute('data-tile', '1');
  await expect(page.getByRole('region', { name: cams[1]!.name })).toHaveAttribute('data-tile', '4');
  // Nothing listens there: the tile says why, in words.
  await expect(page.getByRole('region', { name: cams[0]!.name }).getByRole('status')).toContainText(/Reconnecting|cannot be reached/, { timeout: 20_000 });

  // Keyboard: select tile 3, put the focused camera there with Enter from the tree.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('3');
  await tree.getByRole('treeitem', { name: cams[2]!.name }).press('Enter');
  await expect(page.getByRole('region', { name: cams[2]!.name })).toHaveAttribute('data-tile', '3');

  // Swap tiles by dragging one onto another.
  await page.getByRole('region', { name: cams[1]!.name }).dragTo(page.getByRole('region', { name: cams[0]!.name }));
  await expect(page.getByRole('region', { name: cams[1]!.name })).toHaveAttribute('data-tile', '1');
  await expect(page.getByRole('region', { name: cams[0]!.name })).toHaveAttribute('data-tile', '4');

  // Save as a view.
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('Chợ và trung tâm');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('View “Chợ và trung tâm” saved.')).toBeVisible();

  // A second view: 1+5 with one camera.
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('1+5');
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  await page.getByRole('region', { name: cams[0]!.name }).getByRole('button', { name: 'Clear tile' }).click();
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('Một cộng năm');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('View “Một cộng năm” saved.')).toBeVisible();

  // Load the first view back: one keystroke (Shift+1 is the first view in the list, by name).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+Digit1');
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(/.+/);
  await expect(page.locator('[data-tile]')).toHaveCount(4);
  await expect(page.getByRole('region', { name: cams[0]!.name })).toHaveAttribute('data-tile', '4');
  await snap('wall-view-loaded');

  // Maximise and restore.
  await page.getByRole('region', { name: cams[1]!.name }).dblclick();
  await expect(page.locator('[data-tile]')).toHaveCount(1);
  await expect(page.getByRole('region', { name: cams[1]!.name })).toHaveAttribute('data-stream', 'main');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-tile]')).toHaveCount(4);

  // A tour over both views, 3 s each: it advances, pauses, resumes.
  await page.getByRole('button', { name: 'New tour' }).click();
  await page.getByRole('textbox', { name: 'Tour name' }).fill('Vòng chợ');
  await page.getByRole('spinbutton', { name: 'Seconds per step' }).fill('3');
  await page.getByRole('checkbox', { name: /Chợ và trung tâm/ }).check();
  await page.getByRole('checkbox', { name: /Một cộng năm/ }).check();
  await page.getByRole('checkbox', { name: cams[2]!.name }).check();
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await page.getByRole('combobox', { name: 'Start tour' }).selectOption({ label: 'Vòng chợ' });
  await expect(page.getByText(/Tour “Vòng chợ”: step 1 of 3/)).toBeVisible();
  await expect(page.locator('[data-tile]')).toHaveCount(4);
  await expect(page.getByText(/Tour “Vòng chợ”: step 2 of 3/)).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  await page.getByRole('button', { name: 'Pause tour' }).click();
  await expect(page.getByText(/paused at step 2 of 3/)).toBeVisible();
  await page.waitForTimeout(3500);
  await expect(page.getByText(/paused at step 2 of 3/)).toBeVisible();
  await page.getByRole('button', { name: 'Resume tour' }).click();
  // The camera step: that camera alone on the wall.
  await expect(page.getByText(/step 3 of 3/)).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-tile]')).toHaveCount(1);
  await expect(page.getByRole('region', { name: cams[2]!.name })).toBeVisible();
  await page.getByRole('button', { name: 'Stop tour' }).click();
  await expect(page.getByText(/Tour “Vòng chợ”/)).toHaveCount(0);
});

test('opens a view in a second window, which remembers it', async ({ page, serve }) => {
  // This test's own view: no test relies on another's leftovers.
  const api = await TestApi.connect(serve.url);
  const [cam] = await registerCameras(api, [{ name: 'Ga Sài Gòn', rtspMain: 'rtsp://127.0.0.1:9/main' }]);
  await api.call('views.save', { name: 'Ga', shared: false, layout: { name: '1', cols: 1, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1 }] }, tiles: [{ cameraId: cam!.id, stream: 'auto' }] });
  api.close();
  await page.goto(`${serve.url}#/wall`);
  await page.getByRole('combobox', { name: 'View' }).selectOption({ index: 1 });
  const viewId = await page.getByRole('combobox', { name: 'View' }).inputValue();
  const [second] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Open view in new window' }).click()]);
  await second.waitForLoadState();
  await expect(second).toHaveURL(new RegExp(`view=${viewId}`));
  await expect(second.getByRole('combobox', { name: 'View' })).toHaveValue(viewId);
  await expect(second.locator('[data-tile]').first()).toBeVisible();
  // The core remembers the window; a fresh main window offers to reopen it.
  await second.waitForTimeout(500);
  const fresh = await page.context().newPage();
  await fresh.goto(`${serve.url}#/wall`);
  await expect(fresh.getByRole('button', { name: /Reopen 1 windows/ })).toBeVisible();
});

test('merges cells in the grid editor', async ({ page, serve, snap }) => {
  const api = await TestApi.connect(serve.url);
  await registerCameras(api, [{ name: 'Ga Sài Gòn', rtspMain: 'rtsp://127.0.0.1:9/main' }]);
  api.close();
  await page.goto(`${serve.url}#/wall`);
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('3x3');
  await page.getByRole('button', { name: 'Edit grid' }).click();
  const editor = page.getByRole('group', { name: 'Edit grid' });
  await editor.getByRole('button', { name: 'Tile 1', exact: true }).click();
  await editor.getByRole('button', { name: 'Tile 5', exact: true }).click({ modifiers: ['Shift'] });
  await expect(editor.getByRole('button', { name: /^Tile \d+$/ })).toHaveCount(6);
  await snap('wall-grid-editor');
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  await expect(page.getByRole('combobox', { name: 'Layout' })).toHaveValue('custom');
});
