// The ward report as XLSX: headed with the centre's name and the date, a row per area indented by
// its depth, a total row. Written to a stream (the download's response).
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { StatsReport } from '../../../../shared/contract';
import type { Lang } from '../../import/columns';
import { fill, REPORT_LABELS, vnDate } from './report-labels';
import { reportTable } from './report-table';

export async function writeReportXlsx(out: Writable, report: StatsReport, centre: string, lang: Lang, madeAt: string): Promise<void> {
  const L = REPORT_LABELS[lang];
  const t = reportTable(report, lang);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(L.sheet, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = t.header.map((_, i) => ({ width: i === 0 ? 36 : 11 }));
  const bold = { bold: true };
  const line = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
    const row = ws.addRow(values);
    if (font) row.font = font;
    row.commit();
  };
  line([centre.toUpperCase()], bold);
  line([L.title], { bold: true, size: 14 });
  line([fill(L.asOf, { day: vnDate(report.asOf) })]);
  line([fill(L.made, { time: madeAt })], { italic: true });
  line([]);
  line(
    t.groups.flatMap((g) => [g.label, ...Array<string>(g.span - 1).fill('')]),
    bold,
  );
  line(t.header, bold);
  for (const r of t.rows) {
    const row = ws.addRow(r.cells);
    row.getCell(1).alignment = { indent: r.depth * 2 };
    if (r.depth === 0) row.font = bold;
    row.commit();
  }
  line(t.total, bold);
  ws.commit();
  await wb.commit();
}
