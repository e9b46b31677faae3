// A ward's register from a spreadsheet to the report it sends up: the technician imports an XLSX
// (after a file with bad rows is refused, naming each row), finds a camera without diacritics,
// reads the ward report on screen, and downloads it as XLSX and PDF, which are opened and checked.
// Screenshots in Vietnamese and English.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TestApi } from './support/api';
import { expect, test } from './support/fixtures';

async function seedAreas(url: string) {
  const api = await TestApi.connect(url);
  try {
    const city = await api.call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
    const ward = await api.call('register.createArea', { parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
    await api.call('register.createArea', { parentId: ward.id, name: 'Tổ dân phố 3', kind: 'residential_group' });
    await api.call('register.createArea', { parentId: ward.id, name: 'Tổ dân phố 4', kind: 'residential_group' });
    await api.call('register.createArea', { parentId: city.id, name: 'Phường Sài Gòn', kind: 'ward' });
  } finally {
    api.close();
  }
}

// Bến Thành: 3 points (market, intersection in TDP 3, rental house) and 4 cameras; Sài Gòn: 1 point, 1 camera.
// By hand: Bến Thành 3 points, 4 cameras, 3 working, 1 awaiting repair; 2 on Wi-Fi; groups 1/2 covered; rentals 1/1.
const ROWS = [
  ['Khu vực', 'Điểm', 'Vĩ độ', 'Kinh độ', 'Loại địa điểm', 'Mục đích', 'Tên camera', 'Số sê-ri', 'Sở hữu', 'Đường truyền', 'Nhà mạng', 'Tình trạng'],
  [
    'Phường Bến Thành',
    'Chợ Bến Thành',
    10.7725,
    106.698,
    'Chợ',
    'An ninh trật tự; Giao thông',
    'Bến Thành – cổng Nam',
    'BT-01',
    'Công an',
    'Cáp quang',
    'Viettel',
    'Đang hoạt động',
  ],
  [
    'Phường Bến Thành',
    'Chợ Bến Thành',
    10.7725,
    106.698,
    'Chợ',
    'An ninh trật tự',
    'Bến Thành – cửa Bắc',
    'BT-02',
    'Ngân sách nhà nước',
    'Đường truyền trực tiếp',
    'VNPT',
    'Chờ sửa chữa',
  ],
  [
    'Phường Bến Thành > Tổ dân phố 3',
    'Ngã tư Lê Lợi – Nam Kỳ Khởi Nghĩa',
    10.7738,
    106.7,
    'Nút giao',
    'Giao thông',
    'Lê Lợi hướng Bến Thành',
    'BT-03',
    'Doanh nghiệp',
    'Wi-Fi nhà dân',
    'FPT',
    'Đang hoạt động',
  ],
  [
    'Phường Bến Thành',
    'Nhà trọ 42 Nguyễn Trãi',
    10.7662,
    106.6868,
    'Nhà trọ',
    'An ninh trật tự',
    'Nhà trọ 42 – cổng',
    'BT-04',
    'Chủ nhà trọ',
    'Wi-Fi nhà dân',
    'Viettel',
    'Đang hoạt động',
  ],
  [
    'Phường Sài Gòn',
    'Nhà thờ Đức Bà',
    10.7798,
    106.699,
    'Di tích',
    'An ninh trật tự',
    'Nhà thờ Đức Bà',
    'SG-01',
    'Ngân sách nhà nước',
    'Cáp quang',
    'VNPT',
    'Mất kết nối',
  ],
];

async function xlsxFile(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Camera');
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

async function importFile(page: Page, file: string, button: string, dialogName: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.locator('input[type=file]').setInputFiles(file);
  return dialog;
}

async function download(page: Page, link: string, into: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  const file = path.join(into, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test.describe('in Vietnamese', () => {
  test.use({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('imports a spreadsheet, reads the ward report and downloads it as XLSX and PDF', async ({ page, serve, snap }, info) => {
    test.setTimeout(120_000);
    await seedAreas(serve.url);
    await page.goto(`${serve.url}#/cameras`);

    // A file with bad rows: every one named, nothing imported.
    const bad = await xlsxFile(serve.dataDir, 'bad.xlsx', [
      ...ROWS.slice(0, 2),
      ['Phường Không Có', 'Chợ X', 10.77, 106.7, '', '', 'Cam X', 'X-1', '', '', '', ''],
      ['Phường Bến Thành', 'Chợ Y', 106.7, 10.77, '', '', 'Cam Y', 'Y-1', '', '', '', ''],
      ['Phường Bến Thành', 'Chợ Z', 10.77, 106.7, '', '', 'Cam Z', 'BT-01', '', '', '', ''],
    ]);
    let dialog = await importFile(page, bad, 'Nhập từ tệp…', 'Nhập camera từ bảng tính');
    await expect(dialog.getByRole('heading', { name: /3 lỗi: chưa nhập gì/ })).toBeVisible();
    await expect(dialog.getByRole('row', { name: /3 Khu vực Phường Không Có không có khu vực này/ })).toBeVisible();
    await expect(dialog.getByRole('row', { name: /4 Vĩ độ 106.7, 10.77 vĩ độ và kinh độ bị đảo/ })).toBeVisible();
    await expect(dialog.getByRole('row', { name: /5 Số sê-ri BT-01 trùng trong tệp/ })).toBeVisible();
    await expect(dialog.getByRole('button', { name: /^Nhập \d+ dòng/ })).toHaveCount(0);
    await snap('vi-register-import-problems');
    await dialog.getByRole('button', { name: 'Đóng' }).click();

    // The good file.
    const good = await xlsxFile(serve.dataDir, 'good.xlsx', ROWS);
    dialog = await importFile(page, good, 'Nhập từ tệp…', 'Nhập camera từ bảng tính');
    await expect(dialog.getByText('5 dòng (XLSX, Office Open XML): 5 camera mới, 0 thay đổi, 0 không đổi, 4 điểm mới.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Nhập 5 dòng' }).click();
    await expect(dialog.getByText('Đã nhập: 5 camera mới, 0 thay đổi, 4 điểm mới.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect(page.getByText('5 khu vực · 4 điểm · 5 mắt camera')).toBeVisible();

    // Found without diacritics; opened beside the table with its history.
    await page.getByRole('searchbox', { name: 'Tìm (không cần gõ dấu)' }).fill('nha tho duc ba');
    await expect(page.getByText('1 mắt camera')).toBeVisible();
    await page.getByRole('rowheader', { name: 'Nhà thờ Đức Bà' }).click();
    const detail = page.getByRole('complementary', { name: 'Nhà thờ Đức Bà' });
    await expect(detail.getByText('nhập từ tệp')).toBeVisible();
    await snap('vi-register-cameras');
    await page.getByRole('searchbox', { name: 'Tìm (không cần gõ dấu)' }).fill('');

    await page.getByRole('tab', { name: 'Khu vực' }).click();
    await expect(page.getByRole('tree', { name: 'Cây khu vực' })).toBeVisible();
    await snap('vi-register-areas');

    // The ward report on screen.
    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    const table = page.getByRole('table', { name: /Thống kê hệ thống camera/ });
    const benThanh = table.getByRole('row', { name: /^Phường Bến Thành / });
    // Points, cameras, working, offline, awaiting repair, decommissioned, state, police, socialised, direct, Wi-Fi, 4G, groups, rentals.
    await expect(benThanh).toHaveText(/Phường Bến Thành\s*3\s*4\s*3\s*0\s*1\s*0\s*1\s*1\s*2\s*2\s*2\s*0\s*1\/2\s*1\/1/);
    await expect(table.getByRole('row', { name: /^Tổng cộng/ })).toHaveText(
      /Tổng cộng\s*4\s*5\s*3\s*1\s*1\s*0\s*2\s*1\s*2\s*3\s*2\s*0\s*1\/2\s*1\/1/,
    );
    await expect(page.getByRole('heading', { name: 'Tổ dân phố chưa có camera (1)' })).toBeVisible();
    await snap('vi-register-report');

    // The centre names itself in Settings; its reports are headed with that name.
    await page.getByRole('link', { name: 'Cài đặt', exact: true }).click();
    const centre = page.getByRole('textbox', { name: 'Tên trung tâm (in trên đầu báo cáo)' });
    await centre.fill('Trung tâm giám sát Phường Bến Thành');
    await centre.blur();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await expect(benThanh).toBeVisible();

    // The same report as XLSX: headed with the centre and the date, the ward's numbers.
    const dir = info.outputPath();
    const xlsx = await download(page, 'Tải XLSX', dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('TRUNG TÂM GIÁM SÁT PHƯỜNG BẾN THÀNH');
    expect(ws.getCell('A2').value).toBe('BÁO CÁO THỐNG KÊ HỆ THỐNG CAMERA');
    expect(String(ws.getCell('A3').value)).toMatch(/^Tính đến ngày \d\d\/\d\d\/\d{4}$/);
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === 'Phường Bến Thành')!.slice(0, 7)).toEqual(['Phường Bến Thành', 3, 4, 3, 0, 1, 0]);
    expect(rows.find((r) => r[0] === 'Tổng cộng')!.slice(0, 3)).toEqual(['Tổng cộng', 4, 5]);

    // And as PDF, printed by Chromium: its text holds the heading, the date and the numbers.
    const pdf = await download(page, 'Tải PDF', dir);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('TRUNG TÂM GIÁM SÁT PHƯỜNG BẾN THÀNH');
    expect(text).toContain('BÁO CÁO THỐNG KÊ HỆ THỐNG CAMERA');
    expect(text).toMatch(/Tính đến ngày \d\d\/\d\d\/\d{4}/);
    expect(text).toMatch(/Phường Bến Thành\s+3\s+4\s+3\s+0\s+1\s+0/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      pdf,
      path.join(path.dirname(await snap('vi-register-report-after')), 'vi-register-report-pdf'),
    ]);
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });

  test('the same register and report read in English', async ({ page, serve, snap }) => {
    await seedAreas(serve.url);
    await page.goto(`${serve.url}#/cameras`);
    const good = await xlsxFile(serve.dataDir, 'good.xlsx', ROWS);
    const dialog = await importFile(page, good, 'Import…', 'Import cameras from a spreadsheet');
    await dialog.getByRole('button', { name: 'Import 5 rows' }).click();
    await expect(dialog.getByText('Imported: 5 new cameras, 0 changed, 4 new points.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('rowheader', { name: 'Bến Thành – cổng Nam' }).click();
    await expect(page.getByRole('complementary', { name: 'Bến Thành – cổng Nam' })).toBeVisible();
    await snap('en-register-cameras');
    await page.getByRole('complementary', { name: 'Bến Thành – cổng Nam' }).getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByRole('dialog', { name: 'Edit camera “Bến Thành – cổng Nam”' })).toBeVisible();
    await snap('en-register-camera-editor');
    await page.getByRole('dialog', { name: 'Edit camera “Bến Thành – cổng Nam”' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'Points' }).click();
    await expect(page.getByRole('rowheader', { name: 'Chợ Bến Thành' })).toBeVisible();
    await snap('en-register-points');
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await expect(page.getByRole('table', { name: /Camera network statistics/ }).getByRole('row', { name: /^Total/ })).toHaveText(
      /Total\s*4\s*5\s*3\s*1\s*1/,
    );
    await snap('en-register-report');
  });
});
