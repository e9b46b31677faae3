// The map's editing and filtering as a technician and an officer use them: turn a camera's cone by
// its handles (heading and field of view land in the register's history); import a ward map from a
// PDF (one chosen page) and refuse a PDF with no pages; link plans to each other, then follow,
// rename, re-point, move and remove a link; show incidents of the last day, week, month or a chosen
// range; the built-in provinces. Screenshots in English and Vietnamese.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';

type WfMap = {
  loaded(): boolean;
  areTilesLoaded(): boolean;
  jumpTo(o: object): void;
  project(l: [number, number]): { x: number; y: number };
  queryRenderedFeatures(o: object): { properties: { id: string } }[];
};
/** Moves the page's map (window.__watchfloorMap) without an animation. */
const jump = (page: Page, center: [number, number], zoom: number) =>
  page.evaluate(([c, z]) => (window as unknown as { __watchfloorMap: WfMap }).__watchfloorMap.jumpTo({ center: c, zoom: z }), [center, zoom] as const);

/**
 * A PDF written by hand (no PDF library here): `pages` pages of 400 × 300 points, each a plan's
 * outline and a wall, or a document whose page tree is empty.
 */
function pdf(pages: number): Buffer {
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 3 + i * 2);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) {
    const draw = `0.2 0.3 0.4 RG 6 w 20 20 360 260 re S ${120 + i * 100} 20 m ${120 + i * 100} 200 l S`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents ${4 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let tmp: string;
test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-map-edit-e2e-'));
  writeFileSync(path.join(tmp, 'khu-a.pdf'), pdf(2));
  writeFileSync(path.join(tmp, 'empty.pdf'), pdf(0));
  for (const [name, fill] of [['tang-1', '#e8eef3'], ['tang-2', '#f3eee8']] as const) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800" fill="${fill}"/><rect x="30" y="30" width="1140" height="740" fill="none" stroke="#34495e" stroke-width="8"/></svg>`;
    await sharp(Buffer.from(svg)).png().toFile(path.join(tmp, `${name}.png`));
  }
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as { __watchfloorMap?: WfMap }).__watchfloorMap;
    return !!m && m.loaded() && m.areTilesLoaded();
  });
  await page.waitForTimeout(300);
}

async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const b = (await page.locator(selector).boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

async function openMap(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/map`);
  await expect(page.locator('.map-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

test.describe('in English', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('turn a cone by its handles; the register’s history has the new heading and field of view', async ({ page, serve, snap }) => {
    test.setTimeout(180_000);
    const api = await TestApi.connect(serve.url);
    await api.call('demo.start', {});
    const cam = (await api.call('maps.cameras', {})).find((c) => c.name === 'Bến Thành – cổng Nam')!;
    await openMap(page, serve.url);

    // The built-in map: Vietnam's provinces with their names.
    await jump(page, [106.4, 16.2], 6.6);
    await idle(page);
    await expect(page.locator('.map-province-label', { hasText: 'TP. Hồ Chí Minh' })).toBeVisible();
    await expect(page.locator('.map-province-label', { hasText: 'Đà Nẵng' })).toBeVisible();
    await snap('en-map-provinces');

    await page.getByRole('searchbox', { name: 'Search cameras, points, addresses' }).fill('ben thanh cong nam');
    await page.getByRole('option').getByRole('button', { name: /Bến Thành – cổng Nam/ }).click();
    await page.getByLabel('Edit mode').check();
    await idle(page);
    await expect(page.locator('.map-handle--aim')).toBeVisible();
    const dot = await centreOf(page, '.map-handle--place');

    // The cone's tip dragged due east of the camera: it now faces 90°.
    await drag(page, await centreOf(page, '.map-handle--aim'), { x: dot.x + 110, y: dot.y });
    await expect(page.getByText(/Bến Thành – cổng Nam now faces 90° with a \d+° field of view\./)).toBeVisible({ timeout: 15_000 });
    await expect.poll(async () => (await api.call('register.camera', { id: cam.id })).heading).toBe(90);
    // The cone's edge dragged to 120°, 30° from the heading: a 60° field of view.
    await drag(page, await centreOf(page, '.map-handle--fov'), { x: dot.x + 110 * Math.sin((120 * Math.PI) / 180), y: dot.y - 110 * Math.cos((120 * Math.PI) / 180) });
    await expect(page.getByText(/Bến Thành – cổng Nam now faces 90° with a (59|60|61)° field of view\./)).toBeVisible({ timeout: 15_000 });

    const saved = await api.call('register.camera', { id: cam.id });
    expect(saved.heading).toBe(90);
    expect(Math.abs(saved.fieldOfView! - 60)).toBeLessThanOrEqual(1);
    // Each drop is a change in the camera's history, as an edit in the register's form would be.
    const history = await api.call('register.history', { kind: 'camera', id: cam.id });
    const turned = history.find((h) => h.changes.heading?.[1] === 90);
    expect(turned?.changes.heading?.[0]).toBe(cam.heading);
    expect(history.find((h) => h.changes.fieldOfView?.[1] === saved.fieldOfView)).toBeTruthy();
    // The cone on the map follows: drawn facing east now.
    await idle(page);
    await snap('en-map-cone');
    api.close();
  });

  test('a ward map from a PDF page; plans linked, followed, renamed, re-pointed, moved and unlinked', async ({ page, serve, snap }) => {
    test.setTimeout(180_000);
    const api = await TestApi.connect(serve.url);
    await openMap(page, serve.url);
    const file = page.getByTestId('map-file');

    // A PDF with no pages is refused in words before anything is uploaded.
    await file.setInputFiles(path.join(tmp, 'empty.pdf'));
    await expect(page.getByText('The PDF has no pages.')).toBeVisible();
    expect(await api.call('maps.list', {})).toHaveLength(0);

    // A two-page PDF asks which page; the second is drawn and kept as the plan.
    await file.setInputFiles(path.join(tmp, 'khu-a.pdf'));
    await expect(page.getByText('The PDF has 2 pages')).toBeVisible();
    await page.locator('.map-toolbar__pdf').getByRole('spinbutton').fill('2');
    await page.locator('.map-toolbar__pdf').getByRole('button', { name: 'Import map…' }).click();
    await expect(page.getByText('“khu-a” imported.')).toBeVisible({ timeout: 30_000 });
    const plan = (await api.call('maps.list', {})).find((m) => m.name === 'khu-a')!;
    expect(plan.kind).toBe('image');
    expect(Math.max(plan.width!, plan.height!)).toBe(4096);
    expect(plan.width! / plan.height!).toBeCloseTo(400 / 300, 2);
    // The page drawn is the second one: its wall stands at x = 220 of 400 points, not 120.
    const png = await (await page.request.get(`${serve.url}maps/${plan.id}/image`)).body();
    const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const darkAt = (xPt: number) => data[Math.round(info.height / 2) * info.width + Math.round((xPt / 400) * info.width)]! < 128;
    expect(darkAt(220)).toBe(true);
    expect(darkAt(120)).toBe(false);

    for (const name of ['tang-1', 'tang-2']) {
      await file.setInputFiles(path.join(tmp, `${name}.png`));
      await expect(page.getByText(`“${name}” imported.`)).toBeVisible({ timeout: 30_000 });
    }
    const maps = await api.call('maps.list', {});
    const tang1 = maps.find((m) => m.name === 'tang-1')!;
    const tang2 = maps.find((m) => m.name === 'tang-2')!;

    // On the ward plan: a link to the first floor, placed with a click.
    const picker = page.getByRole('combobox', { name: 'Map' });
    await picker.selectOption(plan.id);
    await idle(page);
    await page.getByLabel('Edit mode').check();
    const links = page.getByRole('region', { name: 'Links to other maps' });
    await links.getByRole('combobox', { name: 'Add a link here to…' }).selectOption(tang1.id);
    await expect(links.getByText('Click the map where the link to “tang-1” goes.')).toBeVisible();
    const canvas = (await page.locator('.map-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    const button = page.locator('.map-hotspot');
    await expect(button).toHaveText('tang-1');
    const [first] = await api.call('maps.hotspots', { mapId: plan.id });
    expect(first!.targetId).toBe(tang1.id);

    // Renamed in its row: the button on the map says the new name, and so does the core.
    const row = links.getByRole('listitem');
    await row.getByRole('textbox', { name: 'Link’s name' }).fill('Nhà A – tầng 1');
    await row.getByRole('textbox', { name: 'Link’s name' }).press('Enter');
    await expect(button).toHaveText('Nhà A – tầng 1');
    expect((await api.call('maps.hotspots', { mapId: plan.id }))[0]!.label).toBe('Nhà A – tầng 1');

    // Dragged 120 px right and 80 px down: the link's place on the plan moves with it.
    const at = await centreOf(page, '.map-hotspot');
    await drag(page, at, { x: at.x + 120, y: at.y + 80 });
    await expect.poll(async () => (await api.call('maps.hotspots', { mapId: plan.id }))[0]!.x).toBeGreaterThan(first!.x + 100);
    const moved = (await api.call('maps.hotspots', { mapId: plan.id }))[0]!;
    expect(moved.y).toBeGreaterThan(first!.y + 60);
    expect(moved.label).toBe('Nhà A – tầng 1');
    await snap('en-map-hotspots');

    // Followed (edit mode off): the click opens the first floor.
    await page.getByLabel('Edit mode').uncheck();
    await page.locator('.map-hotspot').click();
    await expect(picker).toHaveValue(tang1.id);

    // Pointed at the second floor instead, then followed there.
    await picker.selectOption(plan.id);
    await page.getByLabel('Edit mode').check();
    await row.getByRole('combobox', { name: 'Opens' }).selectOption(tang2.id);
    await expect.poll(async () => (await api.call('maps.hotspots', { mapId: plan.id }))[0]!.targetId).toBe(tang2.id);
    await page.getByLabel('Edit mode').uncheck();
    await page.locator('.map-hotspot').click();
    await expect(picker).toHaveValue(tang2.id);

    // Removed (after a question); the plans themselves stay.
    await picker.selectOption(plan.id);
    await page.getByLabel('Edit mode').check();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Remove link' }).click();
    await expect(page.getByText('Link “Nhà A – tầng 1” removed.')).toBeVisible();
    await expect(page.locator('.map-hotspot')).toHaveCount(0);
    expect(await api.call('maps.hotspots', { mapId: plan.id })).toHaveLength(0);
    expect(await api.call('maps.list', {})).toHaveLength(3);
    api.close();
  });

  test('incidents of the last 30 days, then a chosen range, in English', async ({ page, serve, snap }) => {
    test.setTimeout(120_000);
    const api = await TestApi.connect(serve.url);
    const DAY = 24 * 3600_000;
    const now = Date.now();
    for (const [i, age] of [DAY / 2, 10 * DAY, 40 * DAY].entries()) await api.call('incidents.create', { title: `Case ${i + 1}`, occurredAt: now - age, lat: 10.772 + i * 0.003, lon: 106.698 });
    await openMap(page, serve.url);
    await jump(page, [106.7, 10.775], 14);
    await expect(page.getByText('1 incident in the last 7 days')).toBeVisible({ timeout: 15_000 });
    const filter = page.getByRole('combobox', { name: 'Incidents' });
    await filter.selectOption('month');
    await expect(page.getByText('2 incidents in the last 30 days')).toBeVisible();
    await filter.selectOption('custom');
    await expect(page.getByLabel('From', { exact: true })).toBeFocused();
    // The range starts as the span shown until then: still the same two.
    await expect(page.getByText(/^2 incidents from .+ to .+$/)).toBeVisible();
    await idle(page);
    await snap('en-map-incidents');
    api.close();
  });
});

test.describe('in Vietnamese', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('incidents on the map: the last 24 hours, 7 days, 30 days, or a chosen range', async ({ page, serve, snap }) => {
    test.setTimeout(180_000);
    const api = await TestApi.connect(serve.url);
    await api.call('demo.start', {});
    const HOUR = 3600_000;
    const now = Date.now();
    // Around Bến Thành: 2 hours, 3 days, 20 days and 60 days ago.
    const ages = [2 * HOUR, 72 * HOUR, 20 * 24 * HOUR, 60 * 24 * HOUR];
    for (const [i, age] of ages.entries())
      await api.call('incidents.create', { title: `Vụ ${i + 1}`, occurredAt: now - age, lat: 10.772 + i * 0.002, lon: 106.698 + i * 0.002 });
    await openMap(page, serve.url);
    await jump(page, [106.701, 10.775], 14.5);
    const filter = page.getByRole('combobox', { name: 'Vụ việc' });
    const dots = () =>
      page.evaluate(() => new Set((window as unknown as { __watchfloorMap: WfMap }).__watchfloorMap.queryRenderedFeatures({ layers: ['incident-dots'] }).map((f) => f.properties.id)).size);

    await expect(page.getByText('2 vụ việc trong 7 ngày qua')).toBeVisible({ timeout: 15_000 });
    await expect.poll(dots).toBe(2);
    await filter.selectOption('day');
    await expect(page.getByText('1 vụ việc trong 24 giờ qua')).toBeVisible();
    await expect.poll(dots).toBe(1);
    await filter.selectOption('month');
    await expect(page.getByText('3 vụ việc trong 30 ngày qua')).toBeVisible();
    await expect.poll(dots).toBe(3);

    // A range typed in the centre's time zone: 70 to 50 days ago holds only the oldest.
    await filter.selectOption('custom');
    const from = page.getByLabel('Từ', { exact: true });
    await expect(from).toBeFocused();
    const local = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 16); // Asia/Ho_Chi_Minh is UTC+7 all year
    await from.fill(local(now - 70 * 24 * HOUR));
    await page.getByLabel('đến', { exact: true }).fill(local(now - 50 * 24 * HOUR));
    await expect(page.getByText(/^1 vụ việc từ .+ đến .+$/)).toBeVisible();
    await expect.poll(dots).toBe(1);
    await idle(page);
    await snap('vi-map-incidents');

    // The command palette has the same spans.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Gõ tên lệnh hoặc cảnh…' }).fill('24 giờ');
    await page.getByRole('option', { name: /Bản đồ: vụ việc trong 24 giờ qua/ }).click();
    await expect(page.getByText('1 vụ việc trong 24 giờ qua')).toBeVisible();
    await expect(filter).toHaveValue('day');

    // The built-in provinces in Vietnamese too.
    await jump(page, [106.2, 11.2], 7.5);
    await idle(page);
    await expect(page.locator('.map-province-label', { hasText: 'Tây Ninh' })).toBeVisible();
    await snap('vi-map-provinces');
    api.close();
  });

  test('links between plans in Vietnamese', async ({ page, serve, snap }) => {
    test.setTimeout(120_000);
    const api = await TestApi.connect(serve.url);
    await openMap(page, serve.url);
    for (const name of ['tang-1', 'tang-2']) {
      await page.getByTestId('map-file').setInputFiles(path.join(tmp, `${name}.png`));
      await expect(page.getByText(`Đã nhập “${name}”.`)).toBeVisible({ timeout: 30_000 });
    }
    const maps = await api.call('maps.list', {});
    const [one, two] = [maps.find((m) => m.name === 'tang-1')!, maps.find((m) => m.name === 'tang-2')!];
    await api.call('maps.saveHotspot', { id: crypto.randomUUID(), mapId: one.id, targetId: two.id, label: 'Lên tầng 2', x: 900, y: 300 });
    await page.getByRole('combobox', { name: 'Bản đồ' }).selectOption(one.id);
    await page.getByLabel('Chế độ chỉnh sửa').check();
    const links = page.getByRole('region', { name: 'Liên kết đến bản đồ khác' });
    await expect(links.getByRole('textbox', { name: 'Tên liên kết' })).toHaveValue('Lên tầng 2');
    await expect(links.getByRole('combobox', { name: 'Mở' })).toHaveValue(two.id);
    await expect(links.getByRole('button', { name: 'Xóa liên kết' })).toBeVisible();
    await expect(page.locator('.map-hotspot')).toHaveText('Lên tầng 2');
    await idle(page);
    await snap('vi-map-hotspots');
    api.close();
  });
});
