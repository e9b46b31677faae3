// "The wall is not kept" (issue: a wall an officer can trust for a whole shift). Each test builds
// its own register and views in its own core; the cameras point at a port nobody listens on, so
// these tests are about what the wall remembers, not about video (see wall-truth.e2e.ts).
import { TestApi } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { startServe } from './support/serve';
import { addCameras, namesById, put, selectTile, tile, tileOf, tree, wallCameras } from './support/wall';
import { preset } from '../../src/shared/layouts';

test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

const NAMES = ['Chợ Bến Thành', 'Nguyễn Huệ – Lê Lợi', 'Nhà thờ Đức Bà', 'Bến Bạch Đằng', 'Ga Sài Gòn', 'Cầu Thị Nghè', 'Công viên 23/9', 'Hẻm 42', 'Bến xe Miền Đông'];

async function setup(url: string, views: { name: string; layout: string; cams: number[]; shortcut?: number | null }[] = []) {
  const api = await TestApi.connect(url);
  const cams = await addCameras(api, NAMES.map((name) => ({ name })));
  const made = [];
  for (const v of views) {
    made.push(
      await api.call('views.save', {
        name: v.name,
        shared: true,
        shortcut: v.shortcut ?? null,
        layout: preset(v.layout),
        tiles: v.cams.map((i) => ({ cameraId: cams[i]!.id, stream: 'auto' as const })),
      }),
    );
  }
  api.close();
  return { cams, names: namesById(cams), views: made };
}

test('Wall → Map → Wall and F5 bring back the same wall: layout, cameras, stream choice and zoom', async ({ page, serve }) => {
  const { names } = await setup(serve.url);
  await page.goto(`${serve.url}#/wall`);
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('3x3');
  await put(page, 2, NAMES[0]!);
  await put(page, 7, NAMES[1]!);
  await selectTile(page, 2); // a tile's tools are on the selected tile
  await tileOf(page, NAMES[0]!).getByRole('combobox', { name: 'Stream' }).selectOption('main');
  // Zoom into tile 2 with the wheel.
  const box = (await tile(page, 2).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect(tileOf(page, NAMES[0]!).getByText(/^Zoom \d\.\d×$/)).toBeVisible();
  const zoomText = await tileOf(page, NAMES[0]!).getByText(/^Zoom/).textContent();

  const expected = ['', NAMES[0], '', '', '', '', NAMES[1], '', ''];
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Map');
  await page.getByRole('link', { name: 'Wall', exact: true }).click();
  await expect.poll(() => wallCameras(page, names)).toEqual(expected);
  await expect(tileOf(page, NAMES[0]!)).toHaveAttribute('data-stream', 'main');
  await expect(tileOf(page, NAMES[0]!).getByText(zoomText!)).toBeVisible();

  await page.reload();
  await expect.poll(() => wallCameras(page, names)).toEqual(expected);
  await expect(page.getByRole('combobox', { name: 'Layout' })).toHaveValue('3x3');
  await expect(tileOf(page, NAMES[0]!)).toHaveAttribute('data-stream', 'main');
  await expect(tileOf(page, NAMES[0]!).getByText(zoomText!)).toBeVisible();
});

test('the wall survives a restart of the core, and comes back after the connection does', async ({ page }) => {
  const first = await startServe();
  const dataDir = first.dataDir;
  const port = Number(new URL(first.url).port);
  let second: Awaited<ReturnType<typeof startServe>> | null = null;
  try {
    const { names } = await setup(first.url);
    await signIn(page, first.url);
    await page.goto(`${first.url}#/wall`);
    await put(page, 3, NAMES[2]!);
    await put(page, 4, NAMES[3]!);
    // Once the core has it, stop the core under the page's feet.
    const stored = async () => {
      const a = await TestApi.connect(first.url);
      try {
        return ((await a.call('workspace.wall', { window: 'main' })).state?.tiles ?? []).filter(Boolean).length;
      } finally {
        a.close();
      }
    };
    await expect.poll(stored).toBe(2);
    await first.stop({ keepData: true });
    await expect(page.getByRole('alert').filter({ hasText: 'No contact with the server' })).toBeVisible();
    second = await startServe({ dataDir, port });
    await expect(page.getByRole('alert').filter({ hasText: 'No contact with the server' })).toBeHidden({ timeout: 20_000 });
    await expect.poll(() => wallCameras(page, names)).toEqual(['', '', NAMES[2], NAMES[3]]);
    // A fresh page on the restarted core: the same wall.
    const other = await page.context().newPage();
    await other.goto(`${second.url}#/wall`);
    await expect.poll(() => wallCameras(other, names)).toEqual(['', '', NAMES[2], NAMES[3]]);
  } finally {
    await second?.stop();
    await first.stop();
  }
});

test('a fresh console opens with the shared view on Shift+1, or the user’s own default for the window', async ({ page, serve }) => {
  const { names, views } = await setup(serve.url, [
    { name: 'A – sáng', layout: '2x2', cams: [4, 5] },
    { name: 'Toàn cảnh', layout: '3x3', cams: [0, 1, 2], shortcut: 1 },
  ]);
  await page.goto(`${serve.url}#/wall`);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(views[1]!.id);
  await expect.poll(async () => (await wallCameras(page, names)).slice(0, 3)).toEqual([NAMES[0], NAMES[1], NAMES[2]]);

  // This window's default, chosen from the More menu, for a window that has no wall yet.
  await page.getByRole('combobox', { name: 'View' }).selectOption(views[0]!.id);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Open this window with this view' }).click();
  await expect(page.getByText('This window will open with “A – sáng”.')).toBeVisible();
  const api = await TestApi.connect(serve.url);
  expect((await api.call('preferences.get', {})).defaultViews).toEqual({ main: views[0]!.id });
  api.close();
  // A browser that never saw this wall (new context, same user): it opens with that view.
  const fresh = await page.context().browser()!.newContext({ locale: 'en-GB' });
  const p2 = await fresh.newPage();
  await signIn(p2, serve.url);
  await p2.goto(`${serve.url}#/wall?window=w9`);
  await expect(p2.getByRole('combobox', { name: 'View' })).toHaveValue(views[1]!.id); // w9 has no default: Shift+1
  await fresh.close();
});

test('"Show on wall" from the map puts the camera on the selected tile, or the first free one, and keeps the rest', async ({ page, serve }) => {
  const { names, views } = await setup(serve.url, [{ name: 'Bốn', layout: '2x2', cams: [0, 1], shortcut: 1 }]);
  await page.goto(`${serve.url}#/wall?view=${views[0]!.id}`);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(views[0]!.id);
  await selectTile(page, 4);
  const show = async (camera: string) => {
    await page.getByRole('link', { name: 'Map', exact: true }).click();
    await page.getByRole('region', { name: 'Cameras on the map' }).getByRole('button', { name: new RegExp(`${camera}$`) }).click();
    await page.getByRole('region', { name: camera }).getByRole('button', { name: 'Show on the wall' }).click();
  };
  await show(NAMES[4]!);
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], '', NAMES[4]]);
  await expect(page.getByText(`“${NAMES[4]}” is on tile 4.`)).toBeVisible();
  // The selected tile (4) is taken now: the first free one gets the next.
  await show(NAMES[5]!);
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[5], NAMES[4]]);
  // A reload does not run the command again.
  await page.reload();
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[5], NAMES[4]]);
  await expect(page).toHaveURL(/#\/wall$/);
  // A full wall: the selected tile takes it, and what it showed waits off the wall, with undo.
  await show(NAMES[6]!);
  const selected = await page.locator('[data-tile][aria-current="true"]').getAttribute('data-tile');
  await expect(page.getByRole('group', { name: '1 camera off the wall' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[5], NAMES[4]]);
  expect(selected).not.toBeNull();
});

test('3x3 → 1 → 3x3 keeps every camera where its cell comes back, parked in between', async ({ page, serve }) => {
  const { names, views } = await setup(serve.url, [{ name: 'Chín', layout: '3x3', cams: [0, 1, 2, 3, 4, 5, 6, 7, 8], shortcut: 1 }]);
  await page.goto(`${serve.url}#/wall?view=${views[0]!.id}`);
  await expect.poll(() => wallCameras(page, names)).toEqual(NAMES);
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('1');
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0]]);
  const parked = page.getByRole('group', { name: '8 cameras off the wall' });
  await expect(parked.getByRole('button')).toHaveCount(9); // eight cameras and "Clear list"
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('3x3');
  await expect.poll(() => wallCameras(page, names)).toEqual(NAMES);
  await expect(parked).toBeHidden();
  // A parked camera can also be put back by hand, on the selected tile.
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('2x2');
  await selectTile(page, 2);
  await page.getByRole('group', { name: /cameras off the wall/ }).getByRole('button', { name: new RegExp(NAMES[8]!) }).click();
  await expect(tile(page, 2)).toHaveAttribute('aria-label', NAMES[8]!);
});

test('switching views with unsaved changes asks first, and Ctrl+Z brings the changes back', async ({ page, serve }) => {
  const { names, views } = await setup(serve.url, [
    { name: 'Một', layout: '2x2', cams: [0, 1], shortcut: 1 },
    { name: 'Hai', layout: '2x2', cams: [2, 3], shortcut: 2 },
  ]);
  await page.goto(`${serve.url}#/wall?view=${views[0]!.id}`);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(views[0]!.id);
  await put(page, 3, NAMES[6]!);
  await expect(page.getByRole('toolbar').getByText('changed')).toBeVisible();
  await page.keyboard.press('Shift+2');
  const ask = page.getByRole('alertdialog', { name: 'Keep your changes?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[6], '']);
  await page.getByRole('combobox', { name: 'View' }).selectOption(views[1]!.id);
  await ask.getByRole('button', { name: 'Switch without saving' }).click();
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[2], NAMES[3], '', '']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[6], '']);
  // Save and switch keeps them in their view.
  await page.keyboard.press('Shift+2');
  await ask.getByRole('button', { name: 'Save “Một” and switch' }).click();
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(views[1]!.id);
  await page.keyboard.press('Shift+1');
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], NAMES[6], '']);
});

test('#/wall?view=… reached from another wall address in the same page switches the view', async ({ page, serve }) => {
  const { views } = await setup(serve.url, [
    { name: 'Một', layout: '2x2', cams: [0], shortcut: 1 },
    { name: 'Hai', layout: '1+5', cams: [2], shortcut: 2 },
  ]);
  await page.goto(`${serve.url}#/wall?view=${views[0]!.id}`);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(views[0]!.id);
  await page.evaluate((id) => (location.hash = `#/wall?view=${id}`), views[1]!.id);
  await expect(page.getByRole('combobox', { name: 'View' })).toHaveValue(views[1]!.id);
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  await expect(page).toHaveURL(/#\/wall$/);
});

test('a wall-only window has no navigation and no tree, and keeps its own wall', async ({ page, serve }) => {
  const { names, views } = await setup(serve.url, [{ name: 'Một', layout: '2x2', cams: [0, 1], shortcut: 1 }]);
  await page.goto(`${serve.url}#/wall?window=big1&mode=wall&view=${views[0]!.id}`);
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[0], NAMES[1], '', '']);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(tree(page)).toHaveCount(0);
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await expect(page.getByText('Một', { exact: true })).toBeVisible();
  // Its own wall: a change here is not the main window's.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command or a view…' }).fill('layout 1+5');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  await page.reload();
  await expect(page.locator('[data-tile]')).toHaveCount(6);
  const main = await page.context().newPage();
  await main.goto(`${serve.url}#/wall`);
  await expect(main.getByRole('combobox', { name: 'View' })).toHaveValue(views[0]!.id);
  await expect(main.locator('[data-tile]')).toHaveCount(4);
});

test('"Show on wall" works on a console that has no views yet', async ({ page, serve }) => {
  const { names } = await setup(serve.url);
  await page.goto(`${serve.url}#/map`);
  await page.getByRole('region', { name: 'Cameras on the map' }).getByRole('button', { name: new RegExp(`${NAMES[2]}$`) }).click();
  await page.getByRole('region', { name: NAMES[2] }).getByRole('button', { name: 'Show on the wall' }).click();
  await expect.poll(() => wallCameras(page, names)).toEqual([NAMES[2], '', '', '']);
});
