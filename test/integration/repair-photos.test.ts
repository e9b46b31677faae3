// Photos on repair tickets over serve mode's real HTTP server and a real SQLite file: a technician's
// JPEG or PNG streamed up (POST /upload?for=repair), attached to a ticket with its name made
// harmless, listed in the ticket's history, served full size and as a thumbnail; a text file
// renamed .jpg, a JPEG header over rubbish, an oversized file and a path in the name are refused or
// neutralised, and nothing of them is left on disk. Another area's user cannot read a photo.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/core/serve/server';
import { signInCookie } from '../e2e/support/api';
import { ADMIN, bookCore, twoWards, type BookCore } from './support/book-core';

let b: BookCore;
let server: RunningServer;
let reg: Awaited<ReturnType<typeof twoWards>>;
const LIMIT = 256 * 1024;

beforeEach(async () => {
  b = await bookCore({ health: false, repair: { photoLimitBytes: LIMIT } });
  server = await startServer({ core: b.core, port: 0 });
  reg = await twoWards(b, [
    { ward: 1, name: 'Cổng chợ Bến Thành' },
    { ward: 2, name: 'Cầu Thị Nghè' },
  ]);
});
afterEach(async () => {
  await server.close();
  await b.dispose();
});

const origin = () => `http://127.0.0.1:${server.port}`;

const cookieFor = (account: { username: string; password: string }) => signInCookie(server.url, account);

async function upload(cookie: string, body: Buffer) {
  const res = await fetch(`${server.url}upload?for=repair`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; value?: { uploadId: string }; error?: { code: string; params: Record<string, unknown> } },
  };
}

const photoFiles = () => {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else out.push(path.join(dir, e.name));
    }
  };
  walk(path.join(b.dir, 'repair'));
  return out;
};

const jpeg = (width = 1200, height = 900) =>
  sharp({ create: { width, height, channels: 3, background: '#4a6fa5' } })
    .jpeg({ quality: 60 })
    .toBuffer();

async function ticket() {
  return b.call(b.admin, 'repair.open', { cameraId: reg.cams[0]!.id, note: 'Cột bị nghiêng' });
}

describe('photos on repair tickets', () => {
  it('attaches a JPEG with a harmless name, lists it in the history, serves it full size and as a thumbnail', async () => {
    const cookie = await cookieFor(ADMIN);
    const t = await ticket();
    const picture = await jpeg();
    const up = await upload(cookie, picture);
    expect(up.status).toBe(200);
    const name = '../../../etc/passwd/..\\Ảnh cột <trước>.jpg';
    const after = await b.call(b.admin, 'repair.addPhoto', { ticketId: t.id, uploadId: up.body.value!.uploadId, name });
    expect(after.photos).toHaveLength(1);
    const [photo] = after.photos;
    expect(photo).toMatchObject({ name: 'Ảnh cột _trước_.jpg', mime: 'image/jpeg', bytes: picture.length, width: 1200, height: 900 });
    expect(after.events.at(-1)).toMatchObject({ kind: 'photo', text: 'Ảnh cột _trước_.jpg' });
    // On disk it is named by its id, inside the photo store, whatever name it came with.
    const files = photoFiles();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.startsWith(path.join(b.dir, 'repair', 'files')) && f.includes(photo!.id))).toBe(true);

    const full = await fetch(`${server.url}repair/photo/${photo!.id}`, { headers: { Cookie: cookie } });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(full.headers.get('content-disposition')).toMatch(/^inline; filename="Anh cot _truoc_.jpg"/);
    expect(Buffer.from(await full.arrayBuffer()).equals(picture)).toBe(true);

    const thumb = await fetch(`${server.url}repair/photo/${photo!.id}?size=thumb`, { headers: { Cookie: cookie } });
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });

    // A PNG is taken too, whatever its name says.
    const png = await sharp({ create: { width: 200, height: 100, channels: 4, background: '#fff0' } })
      .png()
      .toBuffer();
    const up2 = await upload(cookie, png);
    const again = await b.call(b.admin, 'repair.addPhoto', { ticketId: t.id, uploadId: up2.body.value!.uploadId, name: 'bien-ban.exe' });
    expect(again.photos.map((p) => [p.mime, p.width])).toEqual([
      ['image/jpeg', 1200],
      ['image/png', 200],
    ]);
    // The full-size download is audited; a signed-out request gets nothing.
    expect((await fetch(`${server.url}repair/photo/${photo!.id}`)).status).toBe(401);
  });

  it('refuses a text file renamed .jpg and a JPEG header over rubbish, and keeps nothing of them', async () => {
    const cookie = await cookieFor(ADMIN);
    const t = await ticket();
    for (const body of [
      Buffer.from('This is not a picture, just a note renamed photo.jpg\n'.repeat(20)),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 0x41)]),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]),
    ]) {
      const up = await upload(cookie, body);
      expect(up.status).toBe(200);
      const err = await b.refused(b.admin, 'repair.addPhoto', { ticketId: t.id, uploadId: up.body.value!.uploadId, name: 'photo.jpg' });
      expect(err.code).toBe('photo_not_image');
    }
    const detail = await b.call(b.admin, 'repair.get', { id: t.id });
    expect(detail.photos).toEqual([]);
    expect(detail.events.some((e) => e.kind === 'photo')).toBe(false);
    expect(photoFiles()).toEqual([]);
  });

  it('refuses a photo over the limit at the upload, before it is stored, and says the limit', async () => {
    const cookie = await cookieFor(ADMIN);
    const big = Buffer.concat([await jpeg(64, 64), Buffer.alloc(LIMIT)]);
    const up = await upload(cookie, big);
    expect(up.status).toBe(413);
    expect(up.body.error).toEqual({ code: 'upload_too_large', params: { limit: LIMIT } });
    expect(photoFiles()).toEqual([]);
  });

  it('an upload that is not there, or is the register’s, or a ticket that does not exist: a clear error, nothing moved', async () => {
    const cookie = await cookieFor(ADMIN);
    const t = await ticket();
    const missing = await b.refused(b.admin, 'repair.addPhoto', { ticketId: t.id, uploadId: '00000000-0000-4000-8000-000000000000', name: 'x.jpg' });
    expect(missing.code).toBe('upload_not_found');
    // An import spreadsheet's upload is in another store: a photo cannot be made of it.
    const other = await fetch(`${server.url}upload`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(await jpeg(32, 32)),
    });
    const otherId = ((await other.json()) as { value: { uploadId: string } }).value.uploadId;
    expect((await b.refused(b.admin, 'repair.addPhoto', { ticketId: t.id, uploadId: otherId, name: 'x.jpg' })).code).toBe('upload_not_found');
    const up = await upload(cookie, await jpeg(32, 32));
    const noTicket = await b.refused(b.admin, 'repair.addPhoto', {
      ticketId: '00000000-0000-4000-8000-000000000001',
      uploadId: up.body.value!.uploadId,
      name: 'x.jpg',
    });
    expect(noTicket.code).toBe('not_found');
  });

  it('a photo of another area’s ticket reads as one that does not exist; ward staff cannot attach', async () => {
    const cookie = await cookieFor(ADMIN);
    const t = await b.call(b.admin, 'repair.open', { cameraId: reg.cams[1]!.id });
    const up = await upload(cookie, await jpeg(64, 48));
    const { photos } = await b.call(b.admin, 'repair.addPhoto', { ticketId: t.id, uploadId: up.body.value!.uploadId, name: 'cầu.jpg' });
    const ward1 = await b.account('phuong1', 'ward', [reg.w1.id]);
    const ward1Cookie = await cookieFor({ username: 'phuong1', password: 'phuong1-password-1' });
    expect((await fetch(`${server.url}repair/photo/${photos[0]!.id}`, { headers: { Cookie: ward1Cookie } })).status).toBe(404);
    const ward2 = await b.account('phuong2', 'ward', [reg.w2.id]);
    const ward2Cookie = await cookieFor({ username: 'phuong2', password: 'phuong2-password-1' });
    expect((await fetch(`${server.url}repair/photo/${photos[0]!.id}?size=thumb`, { headers: { Cookie: ward2Cookie } })).status).toBe(200);
    const up2 = await upload(cookie, await jpeg(64, 48));
    expect((await b.refused(ward2, 'repair.addPhoto', { ticketId: t.id, uploadId: up2.body.value!.uploadId, name: 'x.jpg' })).code).toBe(
      'permission_denied',
    );
    expect(ward1.user.username).toBe('phuong1');
  });

  it('whatever name a photo comes with, it is shown without folders or control characters and stored by its id', async () => {
    const cookie = await cookieFor(ADMIN);
    const t = await ticket();
    const picture = await jpeg(48, 32);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => s.slice(0, 500)), fc.constantFrom('..', '../..', 'C:\\Windows\\system32\\x.jpg', '\u202eexe.jpg', 'con.jpg', '')),
        async (name) => {
          const up = await upload(cookie, picture);
          const { photos } = await b.call(b.admin, 'repair.addPhoto', { ticketId: t.id, uploadId: up.body.value!.uploadId, name });
          const shown = photos.at(-1)!.name;
          expect(shown.length).toBeGreaterThan(0);
          expect(shown.length).toBeLessThanOrEqual(120);
          // eslint-disable-next-line no-control-regex
          expect(shown).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e]/);
        },
      ),
      { numRuns: 30 },
    );
    // On disk: only ids (and their thumbnails) under the photo store, whatever the names were.
    expect(photoFiles().every((f) => /repair\/files\/\d{4}\/\d{2}\/[0-9a-f-]{36}(\.thumb)?$/.test(f))).toBe(true);
  });

  it('whatever bytes arrive, the core answers with a photo or photo_not_image and keeps running', async () => {
    const cookie = await cookieFor(ADMIN);
    const t = await ticket();
    const heads = [Buffer.from([0xff, 0xd8, 0xff]), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(0)];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 4000 }), async (h, rest) => {
        const up = await upload(cookie, Buffer.concat([h, Buffer.from(rest)]));
        expect(up.status).toBe(200);
        const r = await b.core.dispatcher.call(
          'repair.addPhoto',
          { ticketId: t.id, uploadId: up.body.value!.uploadId, name: 'x.jpg' },
          { principal: b.admin, source: { address: '127.0.0.1', local: true } },
        );
        if (!r.ok) expect(r.error.code).toBe('photo_not_image');
      }),
      { numRuns: 40 },
    );
    expect((await b.call(b.admin, 'repair.get', { id: t.id })).photos).toEqual([]);
    expect(photoFiles()).toEqual([]);
  });
});
