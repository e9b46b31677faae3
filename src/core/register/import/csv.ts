// CSV as RFC 4180 describes it, plus what spreadsheets in Vietnam write: a `;` or tab separator
// (Excel uses `;` where the decimal mark is a comma), CRLF or LF, quoted fields with "" inside.
// A quote left open is a broken file, reported with the line it started on.
import { AppError } from '../../../shared/errors';

export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n/)) || text.length);
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** Rows of cells; empty lines are dropped. `line` is each row's first line number. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): { cells: string[]; line: number }[] {
  return [...csvRows(text, delimiter)];
}

/** The same, a row at a time: a caller can yield to the event loop between rows of a large file. */
export function* csvRows(text: string, delimiter = detectDelimiter(text)): Generator<{ cells: string[]; line: number }> {
  const rows: { cells: string[]; line: number }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push({ cells: row, line: rowLine });
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      if (rows.length) yield rows.pop()!;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new AppError('import_unreadable', { problem: 'csv_quote', line: quoteLine });
  if (field !== '' || row.length > 0) endRow();
  if (rows.length) yield rows.pop()!;
}

/**
 * A cell a spreadsheet would take for a formula (= + - @, or a tab/CR before one) is written with a
 * leading apostrophe, so opening an export never runs anything (OWASP "CSV injection"). The import
 * takes the apostrophe off again, so the export re-imports unchanged.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",;\r\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\r\n';
}
