// Incident files over serve mode's real HTTP server: uploads streamed under a size limit with their
// names sanitised, served only as what they are (never rendered as HTML), the scope of downloads,
// the Origin check, and the list exported to XLSX (read back with exceljs) and PDF (pdftotext).
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/core/serve/server';
import { signInCookie } from '../e2e/support/api';
import { findChromium } from '../../src/core/print/chromium-pdf';
import { ADMIN, bookCore, twoWards, type BookCore } from './support/book-core';

let b: BookCore;
let server: RunningServer;
let reg: Awaited<ReturnType<typeof twoWards>>;
const LIMIT = 256 * 1024;

beforeEach(async () => {
  b = await bookCore({ alarms: { uploadLimitBytes: LIMIT } });
  server = await startServer({ core: b.core, port: 0 });
  reg = await twoWards(b, [
    { ward: 1, name: 'Cổng chợ' },
    { ward: 2, name: 'Cầu' },
  ]);
});
afterEach(async () => {
  await server.close();
  await b.dispose();
});

const origin = () => `http://127.0.0.1:${server.port}`;

const cookieFor = (account: { username: string; password: string }) => signInCookie(server.url, account);

async function upload(cookie: string, name: string, body: Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}incidents/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/octet-stream', ...headers },
    body: new Uint8Array(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; value?: { id: string; name: string; mime: string; bytes: number }; error?: { code: string } },
  };
}

const staging = () => readdirSync(path.join(b.dir, 'incidents', 'staging')).filter((f) => !f.startsWith('gop-'));

describe('attachments', () => {
  it('streams an upload to the data dir, names it safely, and serves it as a download that nothing renders', async () => {
    const cookie = await cookieFor(ADMIN);
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const up = await upload(cookie, '../../etc/<script>báo cáo.html', html);
    expect(up.status).toBe(200);
    expect(up.body.value).toMatchObject({ name: '_script_báo cáo.html', mime: 'application/octet-stream', bytes: html.length });
    const inc = await b.call(b.admin, 'incidents.create', { title: 'Có tệp', cameraIds: [reg.cams[0]!.id], attachments: [up.body.value!.id] });
    const [att] = (await b.call(b.admin, 'incidents.get', { id: inc.id })).attachments;
    const res = await fetch(`${server.url}incidents/attachment/${att!.id}?inline=1`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="_script_bao cao.html"; filename\*=UTF-8''_script_b%C3%A1o%20c%C3%A1o.html$/,
    );
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(Buffer.from(await res.arrayBuffer()).equals(html)).toBe(true);

    // A PNG is recognised by its bytes (not its name) and may be shown inline.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const pic = await upload(cookie, 'ảnh.exe', png);
    expect(pic.body.value).toMatchObject({ mime: 'image/png' });
    const [shown] = await b.call(b.admin, 'incidents.attach', { id: inc.id, staged: [pic.body.value!.id] });
    const r2 = await fetch(`${server.url}incidents/attachment/${shown!.id}?inline=1`, { headers: { Cookie: cookie } });
    expect(r2.headers.get('content-type')).toBe('image/png');
    expect(r2.headers.get('content-disposition')).toMatch(/^inline;/);
    await r2.arrayBuffer();
  });

  it('refuses an upload over the limit (said in the answer) and keeps nothing of it', async () => {
    const cookie = await cookieFor(ADMIN);
    const before = staging().length;
    // Announced too large: refused before a byte is read.
    const big = await upload(cookie, 'lớn.bin', Buffer.alloc(LIMIT + 1));
    expect(big).toMatchObject({ status: 413, body: { ok: false, error: { code: 'upload_too_large', params: { limit: LIMIT } } } });
    // Sent without a length (chunked): cut off while streaming.
    let sent = 0;
    const chunks = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 8) c.enqueue(new Uint8Array(64 * 1024));
        else c.close();
      },
    });
    const res = await fetch(`${server.url}incidents/upload?name=stream.bin`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/octet-stream' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(staging().length).toBe(before);
  });

  it('refuses an upload from another site’s page, without a session, or without the permission', async () => {
    const cookie = await cookieFor(ADMIN);
    expect((await upload(cookie, 'x.txt', Buffer.from('x'), { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload('', 'x.txt', Buffer.from('x'))).status).toBe(401);
    await b.account('xem', 'ward', [reg.w1.id]);
    const ward = await cookieFor({ username: 'xem', password: 'xem-password-1' });
    expect((await upload(ward, 'x.txt', Buffer.from('x'))).status).toBe(403);
  });

  it('an attachment of another ward’s incident reads as not found', async () => {
    const cookie = await cookieFor(ADMIN);
    const up = await upload(cookie, 'a.txt', Buffer.from('bí mật'));
    const inc = await b.call(b.admin, 'incidents.create', { title: 'Phường 2', cameraIds: [reg.cams[1]!.id], attachments: [up.body.value!.id] });
    const [att] = (await b.call(b.admin, 'incidents.get', { id: inc.id })).attachments;
    await b.account('p1', 'officer', [reg.w1.id]);
    const ward1 = await cookieFor({ username: 'p1', password: 'p1-password-1' });
    expect((await fetch(`${server.url}incidents/attachment/${att!.id}`, { headers: { Cookie: ward1 } })).status).toBe(404);
    expect((await fetch(`${server.url}incidents/staged/${up.body.value!.id}`, { headers: { Cookie: ward1 } })).status).toBe(404);
  });
});

describe('exports of the filtered list', () => {
  it('writes the filtered, scoped list to XLSX, which exceljs reads back row by row', async () => {
    const cookie = await cookieFor(ADMIN);
    await b.call(b.admin, 'incidents.create', {
      title: '=HYPERLINK("http://evil.example","bấm")',
      cameraIds: [reg.cams[0]!.id],
      categoryId: 'fire',
      vehicles: ['51F-123.45'],
    });
    await b.call(b.admin, 'incidents.create', { title: 'Cháy bãi rác', cameraIds: [reg.cams[0]!.id], categoryId: 'fire' });
    await b.call(b.admin, 'incidents.create', { title: 'Không phải cháy', cameraIds: [reg.cams[0]!.id], categoryId: 'other' });
    const q = encodeURIComponent(JSON.stringify({ categoryIds: ['fire'] }));
    const res = await fetch(`${server.url}incidents/export.xlsx?lang=vi&q=${q}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const file = path.join(os.tmpdir(), `wf-export-${process.pid}.xlsx`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Vụ việc')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('Số');
    expect(sheet.getRow(2).getCell(7).value).toBe('Cháy bãi rác');
    expect(sheet.getRow(2).getCell(4).value).toBe('Cháy, nổ');
    // A title that looks like a formula stays text.
    const cell = sheet.getRow(3).getCell(7);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","bấm")');
    expect(sheet.getRow(3).getCell(12).value).toBe('51F-123.45');
    const audit = await b.call(b.admin, 'audit.list', { action: 'download.incidents.xlsx', limit: 5 });
    expect(audit.entries[0]!.details).toMatchObject({ rows: 2 });
  });

  it.skipIf(!findChromium() || spawnSync('which', ['pdftotext']).status !== 0)(
    'prints the list as a PDF in Vietnamese',
    async () => {
      const cookie = await cookieFor(ADMIN);
      await b.call(b.admin, 'incidents.create', {
        title: 'Tai nạn giao thông ở vòng xoay',
        cameraIds: [reg.cams[0]!.id],
        categoryId: 'trafficaccident',
      });
      const res = await fetch(`${server.url}incidents/export.pdf?lang=vi`, { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      const file = path.join(os.tmpdir(), `wf-export-${process.pid}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      // Reading order, whitespace folded: a cell's text wraps inside its column.
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      expect(text).toContain('DANH SÁCH VỤ VIỆC');
      expect(text).toContain('Tai nạn giao thông ở vòng xoay');
    },
    60_000,
  );
});
