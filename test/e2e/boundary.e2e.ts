// One broken part never blanks the console. Before: a time zone Intl does not know (stored through
// the API) made every clock throw, and with no error boundary React unmounted everything — every
// page, every client, until someone fixed it through the API. Now the core reads a bad stored value
// back as the default, clocks fall back to the default zone, and each page and each wall tile sits
// in an error boundary that shows a translated message with "Try again".
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../src/core/store/database';
import { registerCameras, TestApi } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { startServe } from './support/serve';
import { put } from './support/wall';

test.use({ locale: 'en-GB' });

const PAGES = [
  ['Wall', 'Video wall'],
  ['Map', 'Map'],
  ['Incidents', 'Incidents'],
  ['Cameras', 'Cameras'],
  ['Playback', 'Playback'],
  ['Reports', 'Reports'],
  ['Settings', 'Settings'],
] as const;

async function visitEveryPage(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const [link, title] of PAGES) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('This part of the console failed')).toHaveCount(0);
  }
  // The status bar's clock ticks (in the default zone).
  await expect(page.getByRole('contentinfo').locator('time')).toHaveText(/\d{2}:\d{2}:\d{2}/);
}

/** Routes the page's API socket through `rewrite(method, value)` for each successful answer. */
async function rewriteAnswers(page: Page, rewrite: (method: string, value: unknown) => unknown) {
  await page.routeWebSocket(/\/api$/, (ws) => {
    const server = ws.connectToServer();
    const methods = new Map<number, string>();
    ws.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { id: number; method: string };
      methods.set(msg.id, msg.method);
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { kind: string; id: number; ok: boolean; value: unknown };
      const method = methods.get(msg.id);
      if (msg.kind === 'result' && msg.ok && method) ws.send(JSON.stringify({ ...msg, value: rewrite(method, msg.value) }));
      else ws.send(m);
    });
  });
}

test('a time zone Intl does not know, stored in the database, stops no page', async ({ page }) => {
  // A fresh data dir whose settings already hold the bad zone, written before the core starts.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wf-e2e-zone-'));
  const { db } = openDatabase({ dataDir });
  db.prepare("INSERT INTO settings(key, value) VALUES ('timeZone', ?)").run(JSON.stringify('Not/AZone'));
  db.close();
  const serve = await startServe({ dataDir });
  try {
    await signIn(page, serve.url);
    await page.goto(serve.url);
    await visitEveryPage(page);
    await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Asia/Ho_Chi_Minh');
    expect(serve.stderr()).toContain('a stored setting is not valid');
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a bad zone that reaches the renderer anyway (an older core) stops no page either', async ({ page, serve }) => {
  await rewriteAnswers(page, (method, value) => (method === 'settings.get' ? { ...(value as object), timeZone: 'Not/AZone' } : value));
  await page.goto(serve.url);
  await visitEveryPage(page);
});

test('a page that fails shows a translated error in its place; the rest works, and Try again remounts it', async ({ page, serve, snap }) => {
  let broken = true;
  // A register.areas answer the Cameras page cannot handle.
  await rewriteAnswers(page, (method, value) => (method === 'register.areas' && broken ? [null] : value));
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${serve.url}#/cameras`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This part of the console failed');
  await expect(page.getByRole('alert')).toContainText('The rest of the console keeps working');
  await snap('en-boundary-page');
  expect(errors.join('\n')).toContain('Watchfloor: page cameras failed');
  // Navigation, the other pages and the status bar still work.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByRole('contentinfo').getByRole('status')).toHaveText('Online');
  await page.getByRole('link', { name: 'Cameras', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This part of the console failed');
  broken = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cameras');
});

test('a tile that fails shows it in its own cell; the other tiles carry on', async ({ page, serve }) => {
  const api = await TestApi.connect(serve.url);
  // Nothing listens on 127.0.0.1:9: both tiles say they cannot reach their camera.
  const [a, b] = await registerCameras(api, [
    { name: 'Ô hỏng', rtspMain: 'rtsp://127.0.0.1:9/a', point: 'Điểm A' },
    { name: 'Ô lành', rtspMain: 'rtsp://127.0.0.1:9/b', point: 'Điểm B' },
  ]);
  api.close();
  // Stats frames for camera A lose their numbers: its tile's stats overlay throws while rendering.
  await page.routeWebSocket(/\/video\?/, (ws) => {
    const server = ws.connectToServer();
    const mangle = ws.url().includes(a!.id);
    server.onMessage((m) => {
      if (mangle && typeof m === 'string' && m.includes('"type":"stats"'))
        ws.send(JSON.stringify({ type: 'stats', cameraId: a!.id, stream: 'main', state: 'reconnecting' }));
      else ws.send(m);
    });
    ws.onMessage((m) => server.send(m));
  });
  await page.goto(`${serve.url}#/wall`);
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('2x2');
  await put(page, 1, a!.name);
  await put(page, 2, b!.name);
  const bad = page.getByRole('region', { name: a!.name, exact: true });
  await bad.hover();
  await bad.getByRole('button', { name: 'Stats' }).click();
  await expect(page.getByRole('region', { name: 'Tile 1 failed' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Tile 1 failed' })).toHaveAttribute('data-tile', '1');
  // The neighbour still shows its camera and what it is doing.
  const good = page.getByRole('region', { name: b!.name, exact: true });
  await expect(good.getByRole('status')).toContainText(/Reconnecting|cannot be reached|Connecting/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video wall');
});
