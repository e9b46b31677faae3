// A ward technician scrolling a long camera list: the column names stay in sight, a jump far down
// the list shows the cameras that belong there, in order, and a screen reader is told where each
// row sits in the whole list. In Vietnamese, then in English; screenshots.
import type { Page } from '@playwright/test';
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';

const CAMERAS = 1200;
const ROW_HEIGHT = 34;
const name = (i: number) => `Cam ${String(i).padStart(4, '0')}`;

async function seed(url: string): Promise<void> {
  const api = await TestApi.connect(url);
  try {
    const ward = await api.call('register.createArea', { parentId: null, name: 'Phường Bến Thành', kind: 'ward' });
    const point = await api.call('register.createPoint', { areaId: ward.id, name: 'Chợ Bến Thành' });
    // More than five pages of the table (200 rows each): a jump lands where nothing is loaded yet.
    for (let from = 1; from <= CAMERAS; from += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, k) => api.call('register.createCamera', { pointId: point.id, name: name(from + k), status: 'working' })),
      );
    }
  } finally {
    api.close();
  }
}

/** The rows in the document, in document order: their position for a screen reader and their camera. */
async function rowsInOrder(page: Page): Promise<{ index: number; camera: string | null }[]> {
  return page
    .locator('.vt__spacer > [role="row"]')
    .evaluateAll((rows) =>
      rows.map((r) => ({ index: Number(r.getAttribute('aria-rowindex')), camera: r.querySelector('[role="rowheader"]')?.textContent ?? null })),
    );
}

function expectConsecutive(rows: { index: number; camera: string | null }[]): void {
  expect(rows.length).toBeGreaterThan(10);
  for (const r of rows) if (r.camera !== null) expect(r.camera).toBe(name(r.index - 1));
  const real = rows.filter((r) => r.camera !== null).map((r) => r.index);
  expect(real).toEqual(real.map((_, k) => real[0]! + k));
}

for (const [lang, locale, grid, column] of [
  ['vi', 'vi-VN', 'Danh sách camera', 'Camera'],
  ['en', 'en-GB', 'Cameras', 'Camera'],
] as const) {
  test.describe(lang === 'vi' ? 'in Vietnamese' : 'in English', () => {
    test.use({ locale, timezoneId: 'Asia/Ho_Chi_Minh' });

    test('a long list scrolls with its column names in sight and every row where it belongs', async ({ page, serve, snap }) => {
      await seed(serve.url);
      await page.goto(`${serve.url}#/cameras`);
      const table = page.getByRole('grid', { name: grid });
      await expect(table).toHaveAttribute('aria-rowcount', String(CAMERAS + 1));
      await expect(table.getByRole('rowheader', { name: name(1) })).toBeVisible();
      const scroller = page.getByTestId('camera-table-scroll');

      // A jump to the middle: pages 4 and 5 are fetched, and the rows shown are the ones there.
      await scroller.evaluate((el, y) => (el.scrollTop = y), 640 * ROW_HEIGHT);
      await expect(table.getByRole('rowheader', { name: name(645) })).toBeInViewport();
      await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeInViewport();
      await expect(table.locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
      expectConsecutive(await rowsInOrder(page));
      await snap(`${lang}-cameras-scrolled`);

      // Step by step back up a little, the way a wheel does: still in order, nothing loading.
      for (let k = 0; k < 10; k++) await scroller.evaluate((el) => (el.scrollTop -= 120));
      await expect(table.getByRole('rowheader', { name: name(610) })).toBeInViewport();
      expectConsecutive(await rowsInOrder(page));

      // And the very end of the list.
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect(table.getByRole('rowheader', { name: name(CAMERAS) })).toBeInViewport();
      await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeInViewport();
      expectConsecutive(await rowsInOrder(page));
    });

    test('every status, ownership and transmission word shows whole in its column; the row checkboxes select', async ({ page, serve, snap }) => {
      const api = await TestApi.connect(serve.url);
      try {
        const ward = await api.call('register.createArea', { parentId: null, name: 'Phường Bến Thành', kind: 'ward' });
        const point = await api.call('register.createPoint', { areaId: ward.id, name: 'Chợ Bến Thành' });
        const statuses = ['working', 'offline', 'awaiting_repair', 'decommissioned'] as const;
        const ownerships = ['state', 'police', 'business', 'household', 'rental_owner', 'socialised'] as const;
        const transmissions = ['direct', 'fibre', 'residents_wifi', 'mobile', 'other'] as const;
        for (let i = 0; i < 12; i++)
          await api.call('register.createCamera', {
            pointId: point.id,
            name: name(i + 1),
            status: statuses[i % statuses.length],
            ownership: ownerships[i % ownerships.length],
            transmission: transmissions[i % transmissions.length],
            installDate: '2024-05-20',
          });
      } finally {
        api.close();
      }
      for (const width of [1280, 1600]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${serve.url}#/cameras`);
        const table = page.getByRole('grid', { name: grid });
        await expect(table.getByRole('rowheader', { name: name(12) })).toBeVisible();
        // These cells are not clipped (a clip per cell cost the scroll ~2 ms a frame): a long word
        // wraps onto the row's second line; nothing may run past its cell or out of its row.
        const outside = await table
          .locator('.vt__cell--words')
          .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > 34).map((c) => c.textContent));
        expect(outside).toEqual([]);
      }
      const row = page.getByRole('grid', { name: grid }).getByRole('row', { name: new RegExp(name(3)) });
      await row.getByRole('checkbox').check();
      await expect(row).toHaveAttribute('aria-selected', 'true');
      await row.getByRole('checkbox').uncheck();
      await expect(row).toHaveAttribute('aria-selected', 'false');
      await row.getByRole('checkbox').press('Space');
      await expect(row).toHaveAttribute('aria-selected', 'true');
      await snap(`${lang}-cameras-words`);
    });

    test('long names are shortened with "…" inside their columns, whole on hover and to a screen reader', async ({ page, serve, snap }) => {
      const longName = (i: number) => `Ngã tư Hàm Nghi – Tôn Đức Thắng – Nguyễn Huệ, cổng phía bắc ${i}`;
      const api = await TestApi.connect(serve.url);
      try {
        const ward = await api.call('register.createArea', { parentId: null, name: 'Phường Sài Gòn (trước đây phường Bến Nghé và Nguyễn Thái Bình)', kind: 'ward' });
        // Decomposed, as some spreadsheets write Vietnamese: cut only between whole letters.
        const point = await api.call('register.createPoint', { areaId: ward.id, name: 'Khách sạn Đinh Tiên Hoàng, tầng thượng, góc đường Lê Thánh Tôn'.normalize('NFD') });
        for (let i = 1; i <= 6; i++) await api.call('register.createCamera', { pointId: point.id, name: longName(i), status: 'working' });
        const disabled = await api.call('register.createCamera', { pointId: point.id, name: longName(7), status: 'working' });
        await api.call('register.setDisabled', { kind: 'camera', id: disabled.id, disabled: true });
      } finally {
        api.close();
      }
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.goto(`${serve.url}#/cameras`);
      const table = page.getByRole('grid', { name: grid });
      await expect(table.getByRole('rowheader', { name: longName(1) })).toBeVisible();
      const shortened = () =>
        table.locator('.vt__cell--fit').evaluateAll((cells) =>
          cells.map((c) => {
            const shown = c.querySelector('[aria-hidden="true"]') ?? [...c.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
            const range = document.createRange();
            range.selectNodeContents(shown!);
            const box = c.getBoundingClientRect();
            return {
              shown: shown!.textContent!,
              title: c.querySelector('[aria-hidden="true"]')?.getAttribute('title') ?? null,
              clipped: getComputedStyle(c).overflowX !== 'visible',
              // How far the text shown runs past its cell's padding (≤ 0: it ends inside).
              past: range.getBoundingClientRect().right - (box.right - parseFloat(getComputedStyle(c).paddingRight)),
            };
          }),
        );
      let wideCut = 0;
      for (const width of [1600, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await expect(async () => {
          const cells = await shortened();
          expect(cells.length).toBeGreaterThanOrEqual(6 * 3);
          for (const c of cells) {
            expect(c.past, `${width} ${c.shown}`).toBeLessThanOrEqual(0.5);
            expect(c.clipped).toBe(false);
          }
          const cut = cells.filter((c) => c.title !== null);
          expect(cut.length).toBeGreaterThan(0);
          for (const c of cut) {
            expect(c.shown.endsWith('…')).toBe(true);
            // Not shortened more than a letter needs (a reserve or a zoom counted twice would).
            expect(c.past, `${width} ${c.shown}`).toBeGreaterThan(-24);
            expect(c.title!.normalize('NFC').startsWith(c.shown.slice(0, -1).normalize('NFC'))).toBe(true);
          }
          const total = cut.reduce((n, c) => n + c.title!.length - c.shown.length, 0);
          // Narrower, the same texts lose more: the table measured its columns again.
          if (width === 1600) wideCut = total;
          else expect(total).toBeGreaterThan(wideCut);
        }).toPass({ timeout: 10_000 });
      }
      // Shortened on screen, the name is whole to a screen reader and on hover.
      const first = table.getByRole('rowheader', { name: longName(1) });
      await expect(first.locator('[aria-hidden="true"]')).toHaveAttribute('title', longName(1));
      await expect(first.locator('[aria-hidden="true"]')).toHaveText(/…$/);
      // The name with a tag after it is clipped by CSS as before, the tag in its cell.
      const tagged = table.getByRole('row', { name: new RegExp(longName(7)) }).getByRole('rowheader');
      await expect(tagged).not.toHaveClass(/vt__cell--fit/);
      expect(await tagged.evaluate((c) => getComputedStyle(c).textOverflow)).toBe('ellipsis');
      await snap(`${lang}-cameras-long-names`);
    });
  });
}
