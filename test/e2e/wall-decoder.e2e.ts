// The tile's stats overlay says which decoder shows the picture, in both languages: WebCodecs by
// default; Media Source with the reason when it is the fallback (here forced, Playwright project
// `mse`). Screenshots of both (test/e2e/screenshots).
import { startLab, type Lab } from '../../src/sim/lab';
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';
import { addCameras, put, tileOf } from './support/wall';

test.describe.configure({ mode: 'serial' });

let lab: Lab;
test.beforeAll(async () => {
  lab = await startLab({ cameras: [{ name: 'Bến Thành – cổng Nam', variant: 'fixed', live: false }], discoveryPort: false });
});
test.afterAll(async () => {
  await lab?.dispose();
});

const SAYS = {
  en: { webcodecs: 'Decoder: WebCodecs (drawn as decoded)', mse: 'Decoder: Media Source — chosen for this page', stats: 'Stats' },
  vi: { webcodecs: 'Giải mã: WebCodecs (vẽ ngay khi giải mã)', mse: 'Giải mã: Media Source — được chọn cho trang này', stats: 'Thông số' },
} as const;

for (const lang of ['vi', 'en'] as const) {
  test(`the stats overlay names the decoder (${lang})`, async ({ page, serve, snap, player }) => {
    const api = await TestApi.connect(serve.url);
    const info = lab.cameras[0]!;
    await addCameras(api, [{ name: info.name, rtspMain: info.rtspMain, rtspSub: info.rtspSub, username: info.username, password: info.password }]);
    await api.call('settings.update', { language: lang });
    api.close();
    await page.goto(`${serve.url}#/wall`);
    await page.keyboard.press('Escape');
    await put(page, 1, info.name);
    const t = tileOf(page, info.name);
    await expect(t).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await t.hover();
    await t.getByRole('button', { name: SAYS[lang].stats }).click();
    const expected = player === 'mse' ? SAYS[lang].mse : SAYS[lang].webcodecs;
    await expect(t.getByRole('note')).toContainText(expected, { timeout: 10_000 });
    // The picture is on the element the decoder draws on, and it moves.
    const tag = await t.locator('[data-picture]').evaluate((el) => el.tagName);
    expect(tag).toBe(player === 'mse' ? 'VIDEO' : 'CANVAS');
    await page.waitForTimeout(1000);
    await snap(`wall-decoder-${lang}`);
  });
}
