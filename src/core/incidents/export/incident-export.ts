// The filtered incident list as a file: XLSX (exceljs' streaming writer, straight into the HTTP
// answer, a page of rows at a time with the event loop free between pages) or PDF (HTML of ours
// printed by Chromium). Scope and filters are the list's own (IncidentService.page).
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { IncidentCategory, IncidentQuery } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Principal } from '../../auth/principal';
import { esc, printPage } from '../../print/chromium-pdf';
import { fill, labels, printTime, type PrintLang } from '../../print/labels';
import type { StoredIncident } from '../incident-repository';
import type { IncidentService } from '../incident-service';

export const MAX_XLSX_ROWS = 100_000;
export const MAX_PDF_ROWS = 2000;
const PAGE = 500;
/** Excel refuses longer cell text. */
const CELL_MAX = 32_000;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Pages of the list, newest first, until `max` rows; the event loop runs between pages. */
export async function* incidentRows(svc: IncidentService, p: Principal, q: IncidentQuery, max: number): AsyncGenerator<StoredIncident[]> {
  let before: number | undefined;
  let sent = 0;
  for (;;) {
    const page = svc.page(p, q, before, Math.min(PAGE, max - sent));
    if (page.items.length) yield page.items;
    sent += page.items.length;
    if (page.next === null || sent >= max) return;
    before = page.next;
    await yieldToLoop();
  }
}

interface ExportContext {
  lang: PrintLang;
  timeZone: string;
  categories: IncidentCategory[];
  cameraNames: (ids: string[]) => string;
}

function columns(c: ExportContext) {
  const L = labels(c.lang);
  const w = L.words.cols;
  const cat = (id: string) => {
    const x = c.categories.find((k) => k.id === id);
    return x ? (c.lang === 'vi' ? x.nameVi : x.nameEn) : id;
  };
  const vi = c.lang === 'vi';
  return [
    { header: w.number, width: 14, value: (i: StoredIncident) => i.number },
    { header: vi ? 'Thời điểm xảy ra' : 'Occurred', width: 18, value: (i: StoredIncident) => printTime(i.occurredAt, c.lang, c.timeZone) },
    { header: vi ? 'Thời điểm ghi nhận' : 'Logged', width: 18, value: (i: StoredIncident) => printTime(i.loggedAt, c.lang, c.timeZone) },
    { header: w.category, width: 24, value: (i: StoredIncident) => cat(i.categoryId) },
    { header: w.severity, width: 12, value: (i: StoredIncident) => L.severity[i.severity] },
    { header: w.status, width: 14, value: (i: StoredIncident) => L.status[i.status] },
    { header: w.title, width: 40, value: (i: StoredIncident) => i.title },
    { header: w.area, width: 22, value: (i: StoredIncident) => i.areaName ?? '' },
    { header: vi ? 'Điểm' : 'Point', width: 22, value: (i: StoredIncident) => i.pointName ?? '' },
    { header: w.camera, width: 24, value: (i: StoredIncident) => c.cameraNames(i.cameraIds) },
    { header: w.assignee, width: 20, value: (i: StoredIncident) => i.assigneeName ?? '' },
    { header: vi ? 'Biển số' : 'Plates', width: 18, value: (i: StoredIncident) => i.vehicles.join(', ') },
    { header: vi ? 'Đơn vị đã báo' : 'Units notified', width: 22, value: (i: StoredIncident) => i.units.join(', ') },
    { header: vi ? 'Mô tả' : 'Description', width: 60, value: (i: StoredIncident) => i.description.slice(0, CELL_MAX) },
  ];
}

/** Streams the workbook into `out`; returns the number of rows written. */
export async function writeIncidentsXlsx(out: Writable, rows: AsyncIterable<StoredIncident[]>, c: ExportContext): Promise<number> {
  const cols = columns(c);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet(c.lang === 'vi' ? 'Vụ việc' : 'Incidents', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = cols.map((col, i) => ({ header: col.header, key: String(i), width: col.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for await (const page of rows) {
    for (const i of page) {
      // Strings only: a title starting with "=" stays text in a cell of type string (no formula).
      sheet.addRow(cols.map((col) => col.value(i))).commit();
      n++;
    }
  }
  sheet.commit();
  await wb.commit();
  return n;
}

export async function incidentsPdfHtml(
  rows: AsyncIterable<StoredIncident[]>,
  c: ExportContext,
  max: number,
): Promise<{ html: string; count: number }> {
  const cols = columns(c).filter((_c, i) => [0, 1, 3, 4, 5, 6, 7, 10].includes(i));
  const w = labels(c.lang).words;
  let body = '';
  let n = 0;
  for await (const page of rows) {
    for (const i of page) {
      if (n >= max) throw new AppError('export_too_large', { limit: max });
      body += `<tr>${cols.map((col) => `<td>${esc(col.value(i))}</td>`).join('')}</tr>`;
      n++;
    }
  }
  const html = printPage(
    c.lang,
    w.listTitle,
    `<h1>${esc(w.listTitle)}</h1><p class="center muted">${esc(fill(w.listCount, { n }))} · ${esc(fill(w.printedAt, { at: printTime(Date.now(), c.lang, c.timeZone) }))}</p>
<table><thead><tr>${cols.map((col) => `<th>${esc(col.header)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`,
    true,
  );
  return { html, count: n };
}
