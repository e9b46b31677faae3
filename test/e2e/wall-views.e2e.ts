// The wall's arrangement as an operator uses it: cameras dragged onto tiles, layouts, the grid
// editor, views saved and loaded, a second window and the keyboard (tours: wall-commands.e2e.ts). The cameras here point
// at addresses with nothing behind them, so these tests are about arrangement, not video (see
// live-wall.e2e.ts for that): every tile must say it cannot reach its camera.
import { expect, test } from './support/fixtures';
import { registerCameras, TestApi } from './support/api';
import { preset } from '../../src/shared/layouts';

test.use({ locale: 'en-GB' });

test.describe.configure({ mode: 'serial' });

test('arranges cameras, saves a view and loads it back', async ({ page, serve, snap }) => {
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

  // Save as a view, on Shift+1.
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('Chợ và trung tâm');
  await page.getByRole('combobox', { name: 'Shortcut' }).selectOption('1');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('View “Chợ và trung tâm” saved.')).toBeVisible();

  // A second view: 1+5 with one camera.
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('1+5');
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  await page.getByRole('region', { name: cams[0]!.name }).hover();
  await page.getByRole('region', { name: cams[0]!.name }).getByRole('button', { name: 'Clear tile' }).click();
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('Một cộng năm');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('View “Một cộng năm” saved.')).toBeVisible();

  // Load the first view back: one keystroke (Shift+1, the number it was given).
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
});

/** Each test its own register and a view (a fresh core has neither). */
async function oneView(url: string) {
  const api = await TestApi.connect(url);
  const [cam] = await registerCameras(api, [{ name: 'Ga Sài Gòn', rtspMain: 'rtsp://127.0.0.1:9/main' }]);
  await api.call('views.save', { name: 'Ga', shared: false, shortcut: null, layout: preset('2x2'), tiles: [{ cameraId: cam!.id, stream: 'auto' }] });
  return api;
}

test('opens a view in a second window, which remembers it', async ({ page, serve }) => {
  const api = await oneView(serve.url);
  await page.goto(`${serve.url}#/wall`);
  await page.getByRole('combobox', { name: 'View' }).selectOption({ index: 1 });
  const viewId = await page.getByRole('combobox', { name: 'View' }).inputValue();
  await page.getByRole('button', { name: 'More' }).click();
  const [second] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('menuitem', { name: 'Open this view in a new window' }).click()]);
  await second.waitForLoadState();
  await expect(second.getByRole('combobox', { name: 'View' })).toHaveValue(viewId);
  // The view in the address was a command: done, it leaves the address (a reload keeps the window's own wall).
  await expect(second).toHaveURL(/#\/wall\?window=w[0-9a-z]+$/);
  await expect(second.locator('[data-tile]').first()).toBeVisible();
  // The core remembers the window; a fresh main window offers to reopen it.
  await expect.poll(async () => (await api.call('workspace.get', {})).windows.filter((w) => w.key !== 'main').length).toBe(1);
  api.close();
  const fresh = await page.context().newPage();
  await fresh.goto(`${serve.url}#/wall`);
  await expect(fresh.getByRole('button', { name: 'Reopen 1 window', exact: true })).toBeVisible();
});

test('merges cells in the grid editor', async ({ page, serve, snap }) => {
  (await oneView(serve.url)).close();
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
