// Every import case, good and bad, from real files made here (CSV in UTF-8, UTF-8 with BOM,
// UTF-16 and Windows-1258; XLSX written by exceljs), and the export → re-import round trip.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRows } from '../export/export-rows';
import { exportHeader, writeCsv, writeTemplate, writeXlsx } from '../export/write-files';
import { testRegister, type TestRegister } from '../testing';
import { UploadStore } from './uploads';

let t: TestRegister;
const actor = { id: 'u-admin', name: 'Quản trị' };
beforeEach(() => {
  t = testRegister();
  const city = t.register.createArea({ parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' }, actor);
  t.register.createArea({ parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' }, actor);
  t.register.createArea({ parentId: city.id, name: 'Phường Sài Gòn', kind: 'ward' }, actor);
});
afterEach(() => t.close());

const HEADER =
  'Khu vực,Điểm,Vĩ độ,Kinh độ,Loại địa điểm,Mục đích,Tên camera,Số sê-ri,Luồng chính (RTSP),Sở hữu,Đường truyền,Nhà mạng,Ngày lắp đặt,Tình trạng';
const GOOD = [
  'Phường Bến Thành,Chợ Bến Thành,10.7725,106.698,Chợ,An ninh trật tự; Giao thông,Bến Thành – cổng Nam,SN-001,rtsp://192.0.2.10/main,Công an,Cáp quang,Viettel,20/05/2024,Đang hoạt động',
  'Phường Bến Thành,Chợ Bến Thành,10.7725,106.698,Chợ,An ninh trật tự,Bến Thành – cửa Bắc,SN-002,,Ngân sách nhà nước,Đường truyền trực tiếp,VNPT,2024-06-01,Chờ sửa chữa',
  'TP. Hồ Chí Minh > Phường Sài Gòn,Hẻm 42 Nguyễn Trãi,10.7662,106.6868,Nhà trọ,,Hẻm 42,SN-003,,Chủ nhà trọ,Wi-Fi nhà dân,FPT,,Đang hoạt động',
];
const csv = (rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

async function preview(bytes: Buffer | string) {
  const id = await t.upload(bytes);
  return { id, preview: await t.imports.preview(id, t.admin) };
}
const count = (table: string) => (t.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Camera');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a good file', () => {
  it('previews with no problem, then imports all rows in one go', async () => {
    const { id, preview: p } = await preview(csv(GOOD));
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', rows: 3, newCameras: 3, newPoints: 2, problems: [] });
    const events: string[] = [];
    t.events.subscribe((e) => e.type === 'register.import' && events.push(e.phase));
    expect(await t.imports.commit(id, t.admin)).toEqual({ createdCameras: 3, updatedCameras: 0, createdPoints: 2, unchanged: 0 });
    expect(events).toContain('writing');
    expect(events.at(-1)).toBe('done');
    expect([count('points'), count('cameras')]).toEqual([2, 3]);
    const page = t.query.cameras(t.query.toQuery({ query: 'ben thanh cong nam' }, null), 'name', false, 0, 10);
    expect(page.rows[0]).toMatchObject({
      status: 'working',
      ownership: 'police',
      transmission: 'fibre',
      isp: 'viettel',
      installDate: '2024-05-20',
      purposes: ['public_order', 'traffic'],
    });
    expect(t.register.history('camera', page.rows[0]!.id)[0]).toMatchObject({ action: 'import', actor: 'Quản trị' });
  });

  it.each([
    ['UTF-8 with BOM', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]), 'utf-8-bom'],
    ['UTF-16 LE with BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf-16le')]), 'utf-16le'],
    ['UTF-16 LE without BOM', (s: string) => iconv.encode(s, 'utf-16le'), 'utf-16le'],
    ['UTF-16 BE with BOM', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf-16be')]), 'utf-16be'],
    // Windows-1258 has ă â ê ô ơ ư đ precomposed and the five tones as combining marks.
    ['Windows-1258', (s: string) => iconv.encode(windows1258Form(s), 'windows-1258'), 'windows-1258'],
    [
      'semicolons and decimal commas (Excel in a comma-decimal locale)',
      (s: string) =>
        Buffer.from(
          s
            .split('\r\n')
            .map((line) =>
              line
                .split(',')
                .map((c, i) => (c.includes(';') ? `"${c}"` : i === 2 || i === 3 ? c.replace('.', ',') : c))
                .join(';'),
            )
            .join('\r\n'),
        ),
      'utf-8',
    ],
  ])('reads %s', async (_name, encode, encoding) => {
    const { preview: p } = await preview(encode(csv(GOOD)));
    expect(p).toMatchObject({ encoding, rows: 3, newCameras: 3, problems: [] });
  });

  it('matches decomposed (NFD) names with the precomposed (NFC) ones in the register', async () => {
    const nfd = csv(GOOD.slice(0, 1)).normalize('NFD');
    const { id, preview: p } = await preview(nfd);
    expect(p.problems).toEqual([]);
    await t.imports.commit(id, t.admin);
    // The same point again, now typed in NFC, is the same point.
    const { preview: again } = await preview(csv([GOOD[1]!]));
    expect(again).toMatchObject({ newPoints: 0, newCameras: 1 });
  });

  it('reads an XLSX file, dates and numbers as cells', async () => {
    const bytes = await xlsx([
      ['Area', 'Point', 'Latitude', 'Longitude', 'Camera', 'Install date', 'PTZ'],
      ['Phường Bến Thành', 'Ga Sài Gòn', 10.7825, 106.677, 'Ga – sảnh', new Date(Date.UTC(2024, 0, 15)), 'Yes'],
    ]);
    const { id, preview: p } = await preview(bytes);
    expect(p).toMatchObject({ format: 'xlsx', rows: 1, newCameras: 1, problems: [] });
    await t.imports.commit(id, t.admin);
    const row = t.query.cameras(t.query.toQuery({ query: 'ga sanh' }, null), 'name', false, 0, 10).rows[0]!;
    expect(row).toMatchObject({ installDate: '2024-01-15', ptz: true });
  });
});

describe('bad rows are all listed, and nothing is imported', () => {
  it('names each problem by row and column', async () => {
    const bad = [
      GOOD[0]!,
      ',Chợ X,10.7,106.7,,,Cam 1,,,,,,,', // missing area
      'Phường Bến Thành,Chợ Y,106.698,10.7725,,,Cam 2,,,,,,,', // swapped
      'Phường Bến Thành,Chợ Z,95,10,,,Cam 3,,,,,,,', // out of range
      'Phường Bến Thành,Chợ W,48.85,2.35,,,Cam 4,,,,,,,', // Paris
      'Phường Không Có,Chợ V,,,,,Cam 5,,,,,,,', // unknown area
      'Phường Bến Thành,Chợ Bến Thành,,,,,Cam 6,SN-001,,,,,,', // duplicate serial in file
      'Phường Bến Thành,Chợ U,abc,106.7,,,Cam 7,,,,,,,', // bad number
      'Phường Bến Thành,Chợ T,,,,,Cam 8,,http://x/y,,,,31/02/2024,', // bad url, bad date
      'Phường Bến Thành,Chợ S,,,Sân bóng,,Cam 9,,,,Bồ câu,,,', // unknown category and transmission
      'Phường Bến Thành,Chợ Bến Thành,,,,,Bến Thành – cổng Nam,,,,,,,', // same camera name at a point, in the file
    ];
    const { id, preview: p } = await preview(csv(bad));
    const got = p.problems.map((x) => `${x.row}:${x.column}:${x.problem}`);
    expect(got).toEqual([
      '3:area:missing_field',
      '4:lat:lat_lon_swapped',
      '5:lat:coordinate_range',
      '6:lat:outside_vietnam',
      '7:area:unknown_area',
      '8:serial:duplicate_in_file',
      '9:lat:bad_number',
      '10:rtspMain:bad_url',
      '10:installDate:bad_date',
      '11:category:bad_value',
      '11:transmission:bad_value',
      '12:name:duplicate_in_file',
    ]);
    await expect(t.imports.commit(id, t.admin)).rejects.toMatchObject({ code: 'import_has_problems' });
    expect(count('cameras')).toBe(0);
  });

  it('finds duplicates of what the register already holds', async () => {
    const { id } = await preview(csv(GOOD));
    await t.imports.commit(id, t.admin);
    const { preview: p } = await preview(csv(['Phường Sài Gòn,Chợ mới,,,,,Cam mới,SN-002,,,,,,', GOOD[0]!]));
    expect(p.problems.map((x) => `${x.row}:${x.column}:${x.problem}`)).toEqual([
      '2:serial:duplicate_in_register',
      '3:serial:duplicate_in_register',
      '3:name:duplicate_in_register', // the same camera name at the same point, and no id to say it is that camera
    ]);
  });

  it('never evaluates a formula: a formula cell is a problem', async () => {
    const bytes = await xlsx([
      ['Khu vực', 'Điểm', 'Tên camera', 'Vĩ độ'],
      ['Phường Bến Thành', 'Chợ', 'Cam', { formula: '1+9.77', result: 10.77 }],
    ]);
    const { preview: p } = await preview(bytes);
    expect(p.problems).toEqual([{ row: 2, column: 'lat', problem: 'formula', value: '=1+9.77' }]);
  });

  it('says clearly when a file cannot be read at all', async () => {
    await expect(preview('Khu vực,Điểm,"Tên camera\r\nPhường,Chợ,Cam\r\n')).rejects.toMatchObject({
      code: 'import_unreadable',
      params: { problem: 'csv_quote', line: 1 },
    });
    await expect(preview(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]))).rejects.toMatchObject({
      code: 'import_unreadable',
      params: { problem: 'xlsx' },
    });
    await expect(preview('Tên,Tuổi\r\nAn,3\r\n')).rejects.toMatchObject({
      code: 'import_unreadable',
      params: { problem: 'columns', missing: 'area, point, name' },
    });
    await expect(preview(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).rejects.toMatchObject({
      code: 'import_encoding',
    });
    await expect(preview('')).rejects.toMatchObject({ code: 'import_unreadable' });
  });

  it('refuses a file over the upload limit, keeping nothing of it', async () => {
    const small = new UploadStore(t.dir, 1024 * 1024);
    const big = Readable.from(
      (function* () {
        for (let i = 0; i < 200; i++) yield Buffer.alloc(64 * 1024, 0x41); // 12.5 MiB streamed
      })(),
    );
    await expect(small.save(big, null)).rejects.toMatchObject({ code: 'upload_too_large', params: { limit: 1024 * 1024 } });
    await expect(small.save(Readable.from([]), 100 * 1024 * 1024)).rejects.toMatchObject({ code: 'upload_too_large' });
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(small.dir)).toEqual([]);
  });

  it('writes all or nothing: a failure in the middle of the transaction leaves no row behind', async () => {
    const { id, preview: p } = await preview(csv(GOOD));
    expect(p.problems).toEqual([]);
    // Another console takes one of the planned camera ids between the preview and the import.
    const planned = (t.imports as unknown as { prepared: Map<string, { plan: { newCameras: { id: string }[] } }> }).prepared.get(id)!.plan
      .newCameras[2]!.id;
    const pointId = t.register.createPoint({ areaId: t.areas.records()[1]!.id, name: 'Điểm khác' }).id;
    t.register.createCamera({ id: planned, pointId, name: 'Đã có' });
    await expect(t.imports.commit(id, t.admin)).rejects.toThrow();
    expect([count('points'), count('cameras')]).toEqual([1, 1]);
  });
});

describe('export and re-import', () => {
  async function exported(format: 'csv' | 'xlsx', lang: 'vi' | 'en'): Promise<Buffer> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const rows = exportRows(t.store, t.query.toQuery({}, null), lang, new Map());
    if (format === 'csv') await writeCsv(out, exportHeader(lang), rows);
    else await writeXlsx(out, 'Camera', exportHeader(lang), rows);
    out.end();
    return Buffer.concat(chunks);
  }

  it.each([
    ['csv', 'vi'],
    ['xlsx', 'en'],
  ] as const)('an export (%s, %s) re-imports unchanged, into the same register and into a new one', async (format, lang) => {
    const { id } = await preview(csv([...GOOD, 'Phường Sài Gòn,"=cmd|\' /C calc\'!A0",,,,,"-2+3",,,,,,,']));
    await t.imports.commit(id, t.admin);
    const first = await exported(format, lang);
    // Guarded: a spreadsheet opening the export shows the text, it never runs it.
    if (format === 'csv') expect(first.toString()).toContain(`,'=cmd|' /C calc'!A0,`);
    if (format === 'csv') expect(first.toString()).toContain(`,'-2+3,`);
    const { preview: same } = await preview(first);
    expect(same).toMatchObject({ problems: [], newCameras: 0, changedCameras: 0, unchangedCameras: 4, newPoints: 0 });
    // A new register with the same areas takes the file and gives back the same export.
    const other = t;
    t = testRegister();
    try {
      const city = t.register.createArea({ parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
      t.register.createArea({ parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
      t.register.createArea({ parentId: city.id, name: 'Phường Sài Gòn', kind: 'ward' });
      const { id: id2, preview: p2 } = await preview(first);
      expect(p2).toMatchObject({ problems: [], newCameras: 4 });
      await t.imports.commit(id2, t.admin);
      const second = await exported(format, lang);
      if (format === 'csv') expect(second.toString()).toBe(first.toString());
      else expect(await sheetValues(second)).toEqual(await sheetValues(first));
    } finally {
      t.close();
      t = other;
    }
  });

  it('the template in each language is a file the import reads', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      await writeTemplate(out, lang, 'xlsx');
      out.end();
      const { preview: p } = await preview(Buffer.concat(chunks));
      expect(p).toMatchObject({ rows: 1, newCameras: 1, problems: [] });
    }
  });
});

/** How Vietnamese Windows writes text: letters with ˆ ˘ ̛ precomposed, tones as combining marks after them. */
function windows1258Form(s: string): string {
  return s.normalize('NFD').replace(/([A-Za-z])([\u0300-\u036f]+)/g, (_, base: string, marks: string) => {
    const letter = [...marks].filter((m) => /[\u0302\u0306\u031b]/.test(m)).join('');
    const tones = [...marks].filter((m) => !/[\u0302\u0306\u031b]/.test(m)).join('');
    return (base + letter).normalize('NFC') + tones;
  });
}

async function sheetValues(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

describe('the import worker', () => {
  it('writes on its own connection while the core keeps reading, and the core sees the result', async () => {
    const { workerWriter } = await import('./writer');
    const other = t;
    t = testRegister({ writer: (_store, file) => workerWriter(file) });
    try {
      const city = t.register.createArea({ parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
      t.register.createArea({ parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
      t.register.createArea({ parentId: city.id, name: 'Phường Sài Gòn', kind: 'ward' });
      const { id } = await preview(csv(GOOD));
      const phases: string[] = [];
      t.events.subscribe((e) => e.type === 'register.import' && phases.push(e.phase));
      expect(await t.imports.commit(id, t.admin)).toMatchObject({ createdCameras: 3, createdPoints: 2 });
      expect([count('points'), count('cameras')]).toEqual([2, 3]);
      // Placed in name order by the worker before it committed, not left to the core's thread.
      expect(t.db.prepare('SELECT count(*) FROM camera_facets WHERE place IS NULL').pluck().get()).toBe(0);
      expect(t.query.cameras(t.query.toQuery({ query: 'hem 42' }, null), 'name', false, 0, 10).total).toBe(1);
      expect(phases.at(-1)).toBe('done');
    } finally {
      t.close();
      t = other;
    }
  });
});
