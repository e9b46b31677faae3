// First frame as an operator sees it: a camera put on a tile with the keyboard (Enter in the
// camera tree) → the first frame the tile presents, on either player (MSE <video> or WebCodecs
// <canvas>; data-picture marks the element). Shared by the wall and cold-start benches.
import type { Page } from 'playwright-core';

export async function select(page: Page, tile: number) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(String(tile));
}

/** Puts a camera on a tile with the keyboard and returns ms from Enter to the first presented frame. */
export async function timeToFirstFrame(page: Page, tile: number, cameraId: string, name: string): Promise<number> {
  await select(page, tile);
  await page.evaluate(
    ({ tile, cameraId }) => {
      const w = window as unknown as { __t0: number; __ttff: Promise<number> };
      w.__ttff = new Promise<number>((resolve) => {
        const watch = () => {
          // The picture is on a <video> (MSE) or a <canvas> (WebCodecs): data-picture marks it.
          const v = document.querySelector(`[data-tile="${tile}"][data-camera-id="${cameraId}"] [data-picture]`) as (HTMLElement & { __w?: boolean }) | null;
          if (v && !v.__w) {
            v.__w = true;
            obs.disconnect();
            if (v instanceof HTMLVideoElement) {
              v.requestVideoFrameCallback(() => resolve(performance.now() - w.__t0));
              return;
            }
            // The canvas counts its frames in data-frames; it reaches the screen at the next animation frame.
            const before = v.dataset.frames;
            const drawn = new MutationObserver(() => {
              if (v.dataset.frames === before) return;
              drawn.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - w.__t0));
            });
            drawn.observe(v, { attributes: true, attributeFilter: ['data-frames'] });
          }
        };
        const obs = new MutationObserver(watch);
        obs.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      document.addEventListener('keydown', () => (w.__t0 = performance.now()), { capture: true, once: true });
    },
    { tile, cameraId },
  );
  await page.getByRole('tree', { name: 'Cameras' }).getByRole('treeitem', { name, exact: true }).press('Enter');
  return page.evaluate(() => (window as unknown as { __ttff: Promise<number> }).__ttff);
}
