// "Readable from 2 m" (issue: a wall an officer can trust for a whole shift): a UI scale and high
// contrast kept per user, the wall usable at 1280×720 in Vietnamese (one toolbar row, no sideways
// scrolling), text and the selected tile's ring big enough, messages laid over the grid instead of
// pushing it down, and an operator mode that leaves only the wall.
import { TestApi } from './support/api';
import { ADMIN } from './support/serve';
import { expect, signIn, test } from './support/fixtures';
import { addCameras, selectTile, tile } from './support/wall';
import { preset } from '../../src/shared/layouts';

test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 720 } });

async function sixteen(url: string) {
  const api = await TestApi.connect(url);
  const names = Array.from({ length: 16 }, (_, i) => `Camera ${i + 1} – Ngã tư Nguyễn Thị Minh Khai`);
  const cams = await addCameras(api, names.map((name) => ({ name })));
  const v = await api.call('views.save', { name: 'Mười sáu', shared: true, shortcut: 1, layout: preset('4x4'), tiles: cams.map((c) => ({ cameraId: c.id, stream: 'auto' as const })) });
  await api.call('users.save', { username: 'trucban', displayName: 'Nguyễn Văn An', role: 'officer', scopes: [], disabled: false, password: 'mat-khau-truc-ban-1' });
  api.close();
  return { view: v };
}

test('at 1280×720 in Vietnamese the toolbar is one row, nothing scrolls sideways, text reads from 2 m', async ({ page, serve, snap }) => {
  const { view } = await sixteen(serve.url);
  await page.goto(`${serve.url}#/wall?view=${view.id}`);
  await expect(page.locator('[data-tile]')).toHaveCount(16);
  await expect(tile(page, 16).getByRole('status')).toHaveText(/^Kết nối lại/, { timeout: 30_000 });
  await snap('wall-vi-1280-sixteen-unreachable');
  const bar = (await page.getByRole('toolbar', { name: 'Công cụ màn hình' }).boundingBox())!;
  expect(bar.height).toBeLessThan(48);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect(await page.evaluate(() => document.querySelector('.page__tools')!.scrollWidth <= document.querySelector('.page__tools')!.clientWidth)).toBe(true);
  // Tile names at least 15 px, never cut to nothing: every name shows at least its first word.
  const sizes = await page.locator('.tile__name').evaluateAll((els) => els.map((e) => ({ px: parseFloat(getComputedStyle(e).fontSize), w: e.getBoundingClientRect().width })));
  for (const s of sizes) {
    expect(s.px).toBeGreaterThanOrEqual(15);
    expect(s.w).toBeGreaterThan(60);
  }
  // The live mark is a shape big enough to see across the room, not a 13 px word.
  const mark = (await tile(page, 1).locator('.tile__mark .hdot').boundingBox())!;
  expect(mark.width).toBeGreaterThanOrEqual(13);
  // The selected tile's ring: 4 px in a colour no state uses.
  await selectTile(page, 6);
  const ring = await tile(page, 6).evaluate((e) => getComputedStyle(e, '::before').borderTopWidth);
  expect(parseFloat(ring)).toBeGreaterThanOrEqual(4);
  // A message does not move the grid.
  const before = (await page.locator('.wall__grid').boundingBox())!;
  await page.keyboard.press('Delete');
  await expect(page.getByText('Đã xoá ô 6.')).toBeVisible();
  const after = (await page.locator('.wall__grid').boundingBox())!;
  expect(after).toEqual(before);
});

test('UI scale and high contrast are kept per user and follow them after a reload', async ({ page, serve, browser, snap }) => {
  await sixteen(serve.url);
  await page.goto(`${serve.url}#/settings`);
  await page.getByRole('combobox', { name: 'Cỡ chữ và nút' }).selectOption('150');
  await page.getByRole('checkbox', { name: 'Tương phản cao' }).check();
  const zoom = () => page.evaluate(() => getComputedStyle(document.documentElement).zoom);
  await expect.poll(zoom).toBe('1.5');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await page.reload();
  await expect.poll(zoom).toBe('1.5');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await snap('settings-vi-1280-scale150-contrast');
  await page.getByRole('link', { name: 'Màn hình', exact: true }).click();
  await expect(page.locator('[data-tile]')).toHaveCount(16);
  await snap('wall-vi-1280-scale150-contrast');
  // Another user at another console is not affected.
  const other = await browser.newContext({ locale: 'vi-VN' });
  const p2 = await other.newPage();
  await signIn(p2, serve.url, { username: 'trucban', password: 'mat-khau-truc-ban-1' });
  await p2.goto(`${serve.url}#/wall`);
  await expect(p2.locator('[data-tile]')).toHaveCount(16);
  expect(await p2.evaluate(() => getComputedStyle(document.documentElement).zoom)).toBe('1');
  await other.close();
  // The same user in another browser gets theirs.
  const again = await browser.newContext({ locale: 'vi-VN' });
  const p3 = await again.newPage();
  await signIn(p3, serve.url, ADMIN);
  await p3.goto(`${serve.url}#/wall`);
  await expect.poll(() => p3.evaluate(() => getComputedStyle(document.documentElement).zoom)).toBe('1.5');
  await again.close();
});

test('operator mode hides all but the wall; O switches it, and the way back is on screen', async ({ page, serve }) => {
  const { view } = await sixteen(serve.url);
  await page.goto(`${serve.url}#/wall?view=${view.id}`);
  await expect(page.locator('[data-tile]')).toHaveCount(16);
  await page.keyboard.press('o');
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('tree')).toHaveCount(0);
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toHaveCount(0);
  await expect(page.getByText('Mười sáu', { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await page.getByRole('button', { name: 'Thoát chế độ trực ban' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByRole('tree')).toBeVisible();
});
