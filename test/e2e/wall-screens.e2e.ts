// Screenshots to look at (test/e2e/screenshots, not committed): a 4x4 wall that mixes live,
// stale (a stream frozen in the page), offline (nothing listens; a wrong password) and awaiting
// repair tiles, at 1280×720, 1600×900 and 1920×1080, in Vietnamese and English. Each checks that
// the mix is really on screen before it is taken.
import { startLab, type Lab } from '../../src/sim/lab';
import { preset } from '../../src/shared/layouts';
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';
import { addCameras, freezableVideo, NOWHERE, tile, type CamSpec } from './support/wall';

test.describe.configure({ mode: 'serial' });

let lab: Lab;
// Six live streams, looped clips (one frozen later): what this shared build machine decodes
// smoothly next to everyone else's work. A real console shows sixteen.
const LAB = ['Bến Thành – cổng Nam', 'Bến Thành – cửa Bắc', 'Nguyễn Huệ – Lê Lợi', 'Phố đi bộ Nguyễn Huệ', 'Ga Sài Gòn', 'Hẻm 42 Nguyễn Trãi'];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  lab = await startLab({
    cameras: LAB.map((name, i) => ({ name, variant: i % 3 === 0 ? ('ptz' as const) : ('fixed' as const), live: false })),
    discoveryPort: false,
  });
});
test.afterAll(async () => {
  await lab?.dispose();
});

const SIZES = [
  [1280, 720],
  [1600, 900],
  [1920, 1080],
] as const;

for (const lang of ['vi', 'en'] as const) {
  for (const [width, height] of SIZES) {
    test(`4x4 wall, ${lang}, ${width}×${height}`, async ({ page, serve, snap }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width, height });
      const api = await TestApi.connect(serve.url);
      const specs: CamSpec[] = LAB.map((name) => {
        const c = lab.camera(name).info;
        return { name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password, ward: 'Phường Sài Gòn' };
      });
      specs.push(
        { name: 'Cầu Thị Nghè', rtspMain: NOWHERE, status: 'awaiting_repair', ward: 'Phường Tân Định' },
        { name: 'Cầu Kiệu', rtspMain: NOWHERE, status: 'awaiting_repair', ward: 'Phường Tân Định' },
        { name: 'Ngã sáu Phù Đổng', rtspMain: NOWHERE, ward: 'Phường Bến Thành' },
        { name: 'Bến xe buýt Sài Gòn', rtspMain: NOWHERE, ward: 'Phường Bến Thành' },
        { name: 'Chợ Tân Định – cổng chính đường Hai Bà Trưng', rtspMain: NOWHERE, ward: 'Phường Tân Định' },
        { name: 'Nhà thờ Tân Định', rtspMain: NOWHERE, ward: 'Phường Tân Định' },
        { name: 'Chợ Thái Bình (sai mật khẩu)', rtspMain: lab.camera(LAB[1]!).info.rtspMain, username: 'admin', password: 'sai-mat-khau', ward: 'Phường Bến Thành' },
        { name: 'Công viên Lê Văn Tám', rtspMain: NOWHERE, ward: 'Phường Tân Định' },
        { name: 'Hẻm 18 Trần Quang Khải (nhà trọ)', rtspMain: NOWHERE, ward: 'Phường Tân Định' },
      );
      const cams = await addCameras(api, specs);
      // Tile 16 is a live stream that will freeze; tile 7 is empty on purpose.
      const order = [0, 1, 2, 3, 4, 6, null, 8, 9, 12, 7, 10, 11, 13, 14, 5];
      await api.call('views.save', {
        name: 'Toàn cảnh trung tâm',
        shared: true,
        shortcut: 1,
        layout: preset('4x4'),
        // Sub streams, as a console shows sixteen small tiles: six main streams decoded at once starved
        // this shared machine's page for minutes (a key press waited 4 min).
        tiles: order.map((i) => (i === null ? null : { cameraId: cams[i]!.id, stream: 'sub' as const })),
      });
      await api.call('settings.update', { language: lang });
      api.close();
      const frozen = cams[5]!.id;
      const freeze = await freezableVideo(page);
      await page.goto(`${serve.url}#/wall`);
      await expect(page.locator('[data-tile]')).toHaveCount(16);
      // Each live tile has shown pictures (on a busy machine one may be stale for a moment: it says so).
      for (const n of [1, 2, 3, 4, 5, 16]) await expect(tile(page, n)).toHaveAttribute('data-frame-time', /^\d+$/, { timeout: 60_000 });
      await expect(tile(page, 16)).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
      await freeze(frozen, true);
      // On a busy machine the page may still be working through video it received before the freeze.
      await expect(tile(page, 16)).toHaveAttribute('data-status', 'stale', { timeout: 30_000 });
      for (const n of [6, 11]) await expect(tile(page, n)).toHaveAttribute('data-status', 'repair', { timeout: 30_000 });
      for (const n of [8, 9, 12, 13, 14, 15]) await expect(tile(page, n)).toHaveAttribute('data-status', /reconnecting|offline/, { timeout: 30_000 });
      await expect(tile(page, 10)).toHaveAttribute('data-status', 'offline', { timeout: 30_000 });
      await page.keyboard.press('3');
      await expect(tile(page, 3)).toHaveAttribute('aria-current', 'true');
      // The frozen tile counts the age of its picture (the player may restart meanwhile: still stale).
      await expect
        .poll(async () => Number(/(\d+)/.exec((await tile(page, 16).getByRole('status').textContent()) ?? '')?.[1] ?? 0), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(2);
      await snap(`wall-4x4-${lang}-${width}x${height}`);
    });
  }
}
