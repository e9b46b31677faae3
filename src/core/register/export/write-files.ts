// Writes exports and templates as CSV or XLSX onto a stream (the download route's response),
// a chunk at a time with a turn of the event loop between chunks: 100,000 rows never block it.
// CSV cells that a spreadsheet would take for a formula are guarded (csv.ts: guardFormula); XLSX
// cells are written as values, never formulas.
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { csvLine, guardFormula } from '../import/csv';
import { COLUMNS, EXPORT_COLUMNS, VALUE_LABELS, type Lang } from '../import/columns';
import type { ExportValue } from './export-rows';

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

async function writeOut(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((r) => out.once('drain', r));
}

export async function writeCsv(out: Writable, header: readonly string[], chunks: Iterable<ExportValue[][]>): Promise<number> {
  // A BOM so Excel opens UTF-8 as UTF-8 (without it, Vietnamese turns into mojibake).
  await writeOut(out, '\uFEFF' + csvLine(header));
  let n = 0;
  for (const rows of chunks) {
    let text = '';
    for (const r of rows) text += csvLine(r.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : guardFormula(v))));
    await writeOut(out, text);
    n += rows.length;
    await yieldNow();
  }
  return n;
}

export async function writeXlsx(
  out: Writable,
  sheetName: string,
  header: readonly string[],
  chunks: Iterable<ExportValue[][]>,
  extra?: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length + 4)) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for (const rows of chunks) {
    for (const r of rows) ws.addRow(r).commit();
    n += rows.length;
    await yieldNow();
  }
  ws.commit();
  extra?.(wb);
  await wb.commit();
  return n;
}

export function exportHeader(lang: Lang): string[] {
  return EXPORT_COLUMNS.map((c) => c[lang]);
}

const EXAMPLE: Record<string, ExportValue> = {
  area: 'TP. Hồ Chí Minh > Phường Bến Thành',
  point: 'Chợ Bến Thành',
  address: 'Lê Lợi – Phan Bội Châu',
  lat: 10.7725,
  lon: 106.698,
  name: 'Bến Thành – cổng Nam',
  make: 'Hikvision',
  model: 'DS-2DE4425IW',
  serial: 'DS2DE-0001',
  rtspMain: 'rtsp://192.0.2.10:554/Streaming/Channels/101',
  heading: 180,
  fieldOfView: 90,
  installDate: '2024-05-20',
};

/** The template: the header, one example row, and a help sheet listing each column and its values. */
export async function writeTemplate(out: Writable, lang: Lang, format: 'csv' | 'xlsx'): Promise<void> {
  const header = COLUMNS.map((c) => c[lang]);
  const labels = (g: string, k: string) => VALUE_LABELS[g]![k]![lang];
  const example = COLUMNS.map((c) => {
    const fixed: Record<string, ExportValue> = {
      category: labels('category', 'market'),
      purposes: `${labels('purposes', 'public_order')}; ${labels('purposes', 'traffic')}`,
      ptz: labels('ptz', 'yes'),
      ownership: labels('ownership', 'police'),
      transmission: labels('transmission', 'fibre'),
      isp: labels('isp', 'viettel'),
      status: labels('status', 'working'),
    };
    return fixed[c.key] ?? EXAMPLE[c.key] ?? null;
  });
  if (format === 'csv') {
    await writeCsv(out, header, [[example]]);
    return;
  }
  await writeXlsx(out, lang === 'vi' ? 'Camera' : 'Cameras', header, [[example]], (wb) => {
    const help = wb.addWorksheet(lang === 'vi' ? 'Hướng dẫn' : 'Help');
    help.addRow([lang === 'vi' ? 'Cột' : 'Column', lang === 'vi' ? 'Bắt buộc' : 'Required', lang === 'vi' ? 'Ghi chú' : 'Notes']).commit();
    for (const c of COLUMNS) help.addRow([c[lang], 'required' in c && c.required ? (lang === 'vi' ? 'Có' : 'Yes') : '', c.help[lang]]).commit();
    help.commit();
  });
}
