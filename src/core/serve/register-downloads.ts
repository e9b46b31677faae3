// The register's files: camera lists (any filter) as CSV or XLSX that re-import unchanged, the
// import template in vi or en, and the ward report as XLSX or PDF "as of" a day. Each is limited
// to the caller's areas, like every list (AccessPolicy).
import type { ServerResponse } from 'node:http';
import { cameraFilter, type Permission } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { isDay, vietnamDay } from '../../shared/register/dates';
import type { Principal } from '../auth/principal';
import { exportRows } from '../register/export/export-rows';
import { chromiumPrinter, type PdfPrinter } from '../register/export/report/report-pdf';
import { reportHtml } from '../register/export/report/report-html';
import { writeReportXlsx } from '../register/export/report/report-xlsx';
import { exportHeader, writeCsv, writeTemplate, writeXlsx } from '../register/export/write-files';
import type { Lang } from '../register/import/columns';
import type { CoreServices } from '../services';

export interface RegisterDownload {
  permission: Permission;
  type: string;
  fileName: (url: URL, now: Date) => string;
  /** Calls `begin()` once it knows it can answer (after that, the body follows). */
  write: (res: ServerResponse, url: URL, s: CoreServices, p: Principal, begin: () => void) => Promise<number>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv; charset=utf-8';
const langOf = (url: URL): Lang => (url.searchParams.get('lang') === 'en' ? 'en' : 'vi');
const day = (d: Date) => vietnamDay(d.getTime());

function filterOf(url: URL) {
  try {
    return cameraFilter.parse(JSON.parse(url.searchParams.get('filter') ?? '{}'));
  } catch {
    throw new AppError('bad_request', { field: 'filter', problem: 'invalid' });
  }
}

function asOfOf(url: URL): string | null {
  const v = url.searchParams.get('asOf');
  if (v === null || v === '') return null;
  if (!isDay(v)) throw new AppError('bad_request', { field: 'asOf', problem: 'date' });
  return v;
}

const madeAt = () => new Date().toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

function categoryNames(s: CoreServices): Map<string, string> {
  return new Map(
    s.registerQuery
      .categories()
      .filter((c) => !c.builtin)
      .map((c) => [c.id, c.name]),
  );
}

function cameraList(format: 'csv' | 'xlsx'): RegisterDownload {
  return {
    permission: 'register.view',
    type: format === 'csv' ? CSV : XLSX,
    fileName: (_u, now) => `watchfloor-cameras-${day(now)}.${format}`,
    write: async (res, url, s, p, begin) => {
      const filter = filterOf(url);
      const lang = langOf(url);
      const query = s.registerQuery.toQuery(filter, s.access.listAreas(p, filter.areaIds));
      const rows = exportRows(s.registerStore, query, lang, categoryNames(s));
      begin();
      return format === 'csv'
        ? writeCsv(res, exportHeader(lang), rows)
        : writeXlsx(res, lang === 'vi' ? 'Camera' : 'Cameras', exportHeader(lang), rows);
    },
  };
}

function template(format: 'csv' | 'xlsx'): RegisterDownload {
  return {
    permission: 'register.view',
    type: format === 'csv' ? CSV : XLSX,
    fileName: (u) => `watchfloor-template-${langOf(u)}.${format}`,
    write: async (res, url, _s, _p, begin) => {
      begin();
      await writeTemplate(res, langOf(url), format);
      return 1;
    },
  };
}

let printer: PdfPrinter | null = null;

export const REGISTER_DOWNLOADS: Record<string, RegisterDownload> = {
  'register-cameras.csv': cameraList('csv'),
  'register-cameras.xlsx': cameraList('xlsx'),
  'register-template.csv': template('csv'),
  'register-template.xlsx': template('xlsx'),
  'register-report.xlsx': {
    permission: 'register.view',
    type: XLSX,
    fileName: (u, now) => `watchfloor-report-${asOfOf(u) ?? day(now)}.xlsx`,
    write: async (res, url, s, p, begin) => {
      const report = s.stats.report(asOfOf(url), s.access.visibleAreas(p));
      begin();
      await writeReportXlsx(res, report, s.centreName(), langOf(url), madeAt());
      return report.rows.length;
    },
  },
  'register-report.pdf': {
    permission: 'register.view',
    type: 'application/pdf',
    fileName: (u, now) => `watchfloor-report-${asOfOf(u) ?? day(now)}.pdf`,
    write: async (res, url, s, p, begin) => {
      const report = s.stats.report(asOfOf(url), s.access.visibleAreas(p));
      printer ??= chromiumPrinter(s.dataDir);
      const pdf = await printer(reportHtml(report, s.centreName(), langOf(url), madeAt()));
      begin();
      res.write(pdf);
      return report.rows.length;
    },
  },
};
