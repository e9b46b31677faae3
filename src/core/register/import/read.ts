// Reads an uploaded spreadsheet into rows of cells: XLSX by its zip signature (exceljs' streaming
// reader, so a large sheet is never held whole), anything else as CSV text. Formulas are never
// evaluated: a formula cell is marked as such and refused by the checks.
import ExcelJS from 'exceljs';
import { open, readFile } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { csvRows, unguardFormula } from './csv';
import { decodeText, type Encoding } from './decode';

export type Cell = string | number | boolean | Date | { formula: string } | null;
export interface Sheet {
  format: 'csv' | 'xlsx';
  encoding: Encoding | 'xlsx';
  header: string[];
  rows: { line: number; cells: Cell[] }[];
}

/** Rows past this are refused (a register is 100,000 cameras; a sheet much larger is a mistake). */
export const MAX_ROWS = 200_000;
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

async function isZip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  } finally {
    await fh.close();
  }
}

function cellOf(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v)
      return { formula: String((v as { formula?: string }).formula ?? (v as { sharedFormula?: string }).sharedFormula ?? '') };
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v as unknown);
}

async function readXlsx(file: string, onRows: (n: number) => void): Promise<Sheet> {
  const rows: Sheet['rows'] = [];
  let header: string[] | null = null;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      entries: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellOf);
        if (values.every((c) => c === null || c === '')) continue;
        if (!header) {
          header = values.map((c) => (c === null ? '' : String(typeof c === 'object' && !(c instanceof Date) ? '' : c)).normalize('NFC').trim());
          continue;
        }
        rows.push({ line: row.number, cells: values.map((c) => (typeof c === 'string' ? c.normalize('NFC') : c)) });
        if (rows.length > MAX_ROWS) throw new AppError('import_too_many_rows', { max: MAX_ROWS });
        if (rows.length % 1000 === 0) {
          onRows(rows.length);
          await yieldNow();
        }
      }
      break; // the first sheet is the register; the template's second sheet is help
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('import_unreadable', { problem: 'xlsx' }, { cause: err });
  }
  if (!header) throw new AppError('import_unreadable', { problem: 'empty' });
  return { format: 'xlsx', encoding: 'xlsx', header, rows };
}

async function readCsv(file: string, onRows: (n: number) => void): Promise<Sheet> {
  const { text, encoding } = decodeText(await readFile(file));
  let header: string[] | null = null;
  const rows: Sheet['rows'] = [];
  for (const r of csvRows(text)) {
    if (!header) {
      header = r.cells.map((h) => h.trim());
      continue;
    }
    if (r.cells.every((c) => c.trim() === '')) continue;
    rows.push({ line: r.line, cells: r.cells.map((c) => unguardFormula(c)) });
    if (rows.length > MAX_ROWS) throw new AppError('import_too_many_rows', { max: MAX_ROWS });
    if (rows.length % 2000 === 0) {
      onRows(rows.length);
      await yieldNow();
    }
  }
  if (!header) throw new AppError('import_unreadable', { problem: 'empty' });
  return { format: 'csv', encoding, header, rows };
}

export async function readSheet(file: string, onRows: (n: number) => void = () => undefined): Promise<Sheet> {
  return (await isZip(file)) ? readXlsx(file, onRows) : readCsv(file, onRows);
}
