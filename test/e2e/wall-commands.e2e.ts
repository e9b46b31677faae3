// "Small traps" (issue: a wall an officer can trust for a whole shift): destructive commands ask
// or offer undo, view shortcuts are numbers people set, tours restore the wall, say what is
// missing, can be edited, deleted and skip cameras that are down, and the keyboard does what it
// says — the tree keeps its arrows, dropdowns give the keys back, the palette and key help list
// every command.
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';
import { addCameras, namesById, put, selectTile, tile, tileOf, tree, wallCameras } from './support/wall';
import { preset } from '../../src/shared/layouts';

test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

const NAMES = ['Chợ Bến Thành', 'Nguyễn Huệ', 'Nhà thờ Đức Bà', 'Bến Bạch Đằng', 'Ga Sài Gòn', 'Cầu Thị Nghè'];

async function setup(url: string, opts: { repair?: number[] } = {}) {
  const api = await TestApi.connect(url);
  const cams = await addCameras(
    api,
    NAMES.map((name, i) => ({ name, status: opts.repair?.includes(i) ? 'awaiting_repair' : 'working' })),
  );
  const view = (name: string, idx: number[], shared: boolean, shortcut: number | null, layout = '2x2') =>
    api.call('views.save', { name, shared, shortcut, layout: preset(layout), tiles: idx.map((i) => ({ cameraId: cams[i]!.id, stream: 'auto' as const })) });
  return { api, cams, names: namesById(cams), view };
}

test('deleting a view asks first, says so for a shared view, and Cancel keeps it', async ({ page, serve }) => {
  const { api, view } = await setup(serve.url);
  const shared = await view('Toàn cảnh', [0, 1], true, 1);
  api.close();
  await page.goto(`${serve.url}#/wall?view=${shared.id}`);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(shared.id);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Delete this view…' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Delete “Toàn cảnh”?' });
  await expect(ask).toContainText('it disappears from every console');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('combobox', { name: 'View' }).getByRole('option', { name: /Toàn cảnh/ })).toHaveCount(1);
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command or a view…' }).fill('delete this view');
  await page.keyboard.press('Enter');
  await ask.getByRole('button', { name: 'Delete view' }).click();
  await expect(page.getByText('View “Toàn cảnh” deleted. Its cameras stay on the wall.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'View' }).getByRole('option', { name: /Toàn cảnh/ })).toHaveCount(0);
  await expect(page.locator('[data-tile]:not([data-camera-id=""])')).toHaveCount(2);
});

test('Shift+1 … 9 follow the numbers people set: a new personal view shifts nobody’s keys', async ({ page, serve }) => {
  const { api, view, names } = await setup(serve.url);
  await view('Toàn cảnh', [0, 1], true, 1);
  await view('Bến cảng', [3], true, 2);
  api.close();
  await page.goto(`${serve.url}#/wall`);
  // A personal view whose name sorts first, saved with no number.
  await put(page, 4, NAMES[4]!);
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByRole('textbox', { name: 'View name' }).fill('A – của tôi');
  await expect(dialog.getByRole('combobox', { name: 'Shortcut' }).getByRole('option', { name: 'Shift+2 (now “Bến cảng”)' })).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('View “A – của tôi” saved.')).toBeVisible();
  await page.keyboard.press('Shift+2');
  await expect.poll(async () => (await wallCameras(page, names))[0]).toBe(NAMES[3]);
  await page.keyboard.press('Shift+1');
  await expect.poll(async () => (await wallCameras(page, names)).slice(0, 2)).toEqual([NAMES[0], NAMES[1]]);
  // The key help shows the family of view keys.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('row', { name: /Shift\+1 … 9 Load the view with that number/ })).toBeVisible();
});

test('a tour restores the wall exactly; it says what is missing; it can be edited, deleted, and skips cameras that are down', async ({ page, serve }) => {
  const { api, view, names, cams } = await setup(serve.url, { repair: [5] });
  const one = await view('Một', [0, 1], true, 1);
  const two = await view('Hai', [2, 3], true, 2);
  api.close();
  await page.goto(`${serve.url}#/wall?view=${one.id}`);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(one.id);
  await put(page, 4, NAMES[4]!);

  // An empty tour is refused with a reason, not silently.
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'New tour…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New tour' });
  await dialog.getByRole('textbox', { name: 'Tour name' }).fill('Vòng');
  await dialog.getByRole('spinbutton', { name: 'Seconds per step' }).fill('3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Tick at least one view or camera for the tour.');
  // A camera awaiting repair, then view Hai: the tour starts at Hai, passing over the dead camera.
  await dialog.getByRole('checkbox', { name: NAMES[5] }).check();
  await dialog.getByRole('checkbox', { name: 'Hai' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Tour “Vòng” saved.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Start tour' }).selectOption({ label: 'Vòng' });
  await expect(page.getByText(/Tour “Vòng”: step 2 of 2/)).toBeVisible();
  await expect(page.getByText('1 step skipped: its cameras are down')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Stop tour' }).click();
  // Back exactly: the officer's own view, still marked changed, the added camera still there.
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(one.id);
  await expect(page.getByRole('toolbar').getByText('changed')).toBeVisible();
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], '', NAMES[4]]);

  // Edit: rename and reorder; then delete (asked first).
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Edit tour: Vòng' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit tour “Vòng”' });
  await expect(edit.getByRole('checkbox', { name: /Hai/ })).toBeChecked();
  await edit.getByRole('textbox', { name: 'Tour name' }).fill('Vòng sáng');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('combobox', { name: 'Start tour' }).getByRole('option', { name: 'Vòng sáng' })).toHaveCount(1);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Delete tour: Vòng sáng…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete tour' }).click();
  await expect(page.getByRole('combobox', { name: 'Start tour' }).getByRole('option', { name: 'Vòng sáng' })).toHaveCount(0);
  expect(two.id).toBeTruthy();
  expect(cams).toHaveLength(NAMES.length);
});

test('Backspace never clears a tile; Delete does, with an undo', async ({ page, serve }) => {
  const { api, view, names } = await setup(serve.url);
  const one = await view('Một', [0, 1, 2], true, 1);
  api.close();
  await page.goto(`${serve.url}#/wall?view=${one.id}`);
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[2], '']);
  await selectTile(page, 2);
  await page.keyboard.press('Backspace');
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[2], '']);
  await page.keyboard.press('Delete');
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], '', NAMES[2], '']);
  await expect(page.getByText('Tile 2 cleared.')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[2], '']);
});

test('the camera tree is one Tab stop; its arrows move in the tree, never the tile selection', async ({ page, serve }) => {
  const { api } = await setup(serve.url);
  api.close();
  await page.goto(`${serve.url}#/wall`);
  await selectTile(page, 1);
  const items = tree(page).locator('[role="treeitem"][tabindex="0"]');
  await expect(items).toHaveCount(1);
  // Tab from the search box lands in the tree once; the next Tab leaves it.
  await page.getByRole('searchbox', { name: 'Search cameras (/)' }).focus();
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
  await expect.poll(focused).toBe('TP. Hồ Chí Minh');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(focused).toBe(NAMES[3]); // area, ward, point "Điểm Bến Bạch Đằng", its camera (alphabetical)
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(focused).toBe(`Điểm ${NAMES[3]}`);
  await page.keyboard.press('ArrowLeft'); // closes the point
  await expect(tree(page).getByRole('treeitem', { name: NAMES[3], exact: true })).toHaveCount(0);
  await page.keyboard.press('ArrowRight'); // opens it again
  await expect(tile(page, 1)).toHaveAttribute('aria-current', 'true');
  // Enter on a camera puts it on the selected tile.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(tileOf(page, NAMES[3]!)).toHaveAttribute('data-tile', '1');
  await page.keyboard.press('Tab');
  await expect.poll(focused).not.toBe(NAMES[3]);
  expect(await page.evaluate(() => !!document.activeElement?.closest('[role="tree"]'))).toBe(false);
});

test('wall keys work right after a toolbar dropdown, and the palette and key help list the commands', async ({ page, serve }) => {
  const { api, view, names } = await setup(serve.url);
  const one = await view('Một', [0, 1], true, 1);
  await view('Sáu', [2, 3, 4], true, null, '1+5');
  api.close();
  await page.goto(`${serve.url}#/wall?view=${one.id}`);
  await expect.poll(async () => (await wallCameras(page, names)).slice(0, 2)).toEqual([NAMES[0], NAMES[1]]);
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('3x3');
  await page.keyboard.press('5');
  await expect(tile(page, 5)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tile(page, 6)).toHaveAttribute('aria-current', 'true');
  // The palette loads a view by name (Ctrl+K is the palette; / is the camera search).
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search cameras (/)' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Type a command or a view…' });
  await search.fill('sau');
  await expect(page.getByRole('option', { name: /View: Sáu/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Switch without saving' }).click();
  await expect.poll(async () => (await wallCameras(page, names)).slice(0, 3)).toEqual([NAMES[2], NAMES[3], NAMES[4]]);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const row of [/1 … 9, 0 Select tile 1 … 10/, /Delete Clear the selected tile/, /Ctrl\+K Commands/, /\/ Search cameras/, /Ctrl\+Z Undo/]) await expect(help.getByRole('row', { name: row })).toBeVisible();
  await expect(help.getByRole('row', { name: /Backspace/ })).toHaveCount(0);
});

test('a tour advances, pauses and resumes where it was', async ({ page, serve }) => {
  const { api, view, cams } = await setup(serve.url);
  const one = await view('Một', [0], true, 1);
  const two = await view('Sáu', [1, 2], true, null, '1+5');
  await api.call('tours.save', { name: 'Vòng chợ', shared: true, dwellSeconds: 3, steps: [{ kind: 'view', viewId: one.id }, { kind: 'view', viewId: two.id }, { kind: 'camera', cameraId: cams[3]!.id }] });
  api.close();
  await page.goto(`${serve.url}#/wall?view=${one.id}`);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(one.id);
  await page.getByRole('combobox', { name: 'Start tour' }).selectOption({ label: 'Vòng chợ' });
  await expect(page.getByText(/Tour “Vòng chợ”: step 1 of 3/)).toBeVisible();
  await expect(page.getByText(/Tour “Vòng chợ”: step 2 of 3/)).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  await page.getByRole('button', { name: 'Pause tour' }).click();
  await expect(page.getByText(/paused at step 2 of 3/)).toBeVisible();
  await page.getByRole('button', { name: 'Resume tour' }).click();
  // The camera step: that camera alone on the wall.
  await expect(page.getByText(/step 3 of 3/)).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-tile]')).toHaveCount(1);
  await expect(tileOf(page, NAMES[3]!)).toBeVisible();
  await page.getByRole('button', { name: 'Stop tour' }).click();
  await expect(page.getByText(/Tour “Vòng chợ”/)).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(one.id);
});
