import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { chainHash } from './chain';
import { CSV_COLUMNS, csvCell } from './csv';
import { auditFixture, type AuditFixture } from './test-fixture';

const fixtures: AuditFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.cleanup();
});

/** A small RFC 4180 reader: enough to prove the file parses back to what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV cells', () => {
  it('quotes only what needs it and guards formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
  });
});

describe('exporting for inspectors', () => {
  it('writes a BOM, the header and every entry oldest first; Vietnamese and hashes survive', async () => {
    const f = auditFixture({ timeZone: 'Asia/Ho_Chi_Minh' });
    fixtures.push(f);
    const at = Date.UTC(2026, 2, 1, 8, 0, 0);
    await f.audit.append({ actor: { userId: 'u-1', username: 'Trần Thị Bích' }, action: 'live.view', outcome: 'ok', target: { kind: 'camera', id: 'c1', name: 'Ngã tư "Hàng Xanh", Bình Thạnh' }, details: { from: at - 60_000, to: at }, source: 'serve', at });
    await f.audit.append({ actor: { userId: 'u-2', username: '=cmd|calc' }, action: 'register.createCamera', outcome: 'denied', target: { kind: 'camera', id: 'c2', name: '@evil\nline' }, at: at + 1 });
    const file = path.join(f.dir, 'audit.csv');
    const n = await f.audit.exportCsv(createWriteStream(file));
    expect(n).toBe(2);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const col = (r: string[], name: (typeof CSV_COLUMNS)[number]) => r[CSV_COLUMNS.indexOf(name)];
    expect(col(rows[1]!, 'seq')).toBe('1');
    expect(col(rows[1]!, 'time_utc')).toBe('2026-03-01T08:00:00.000Z');
    expect(col(rows[1]!, 'time_local')).toBe('2026-03-01 15:00:00');
    expect(col(rows[1]!, 'username')).toBe('Trần Thị Bích');
    expect(col(rows[1]!, 'target_name')).toBe('Ngã tư "Hàng Xanh", Bình Thạnh');
    expect(JSON.parse(col(rows[1]!, 'details')!)).toEqual({ from: at - 60_000, to: at });
    expect(col(rows[2]!, 'username')).toBe("'=cmd|calc");
    expect(col(rows[2]!, 'target_name')).toBe("'@evil\nline");
    expect(col(rows[2]!, 'outcome')).toBe('denied');
    // The chain can be re-checked from the CSV alone.
    for (const r of rows.slice(1)) expect(chainHash(col(r, 'prev_hash')!, col(r, 'entry')!)).toBe(col(r, 'hash'));
    expect(col(rows[2]!, 'prev_hash')).toBe(col(rows[1]!, 'hash'));
  });

  it('exports only what the filter selects, across many pages, and ends the stream', async () => {
    const f = auditFixture();
    fixtures.push(f);
    await Promise.all(
      Array.from({ length: 4500 }, (_, i) => f.audit.append({ actor: { userId: i % 2 ? 'u-odd' : 'u-even', username: null }, action: 'ptz.command', outcome: 'ok', at: 1000 + i })),
    );
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString('utf8')));
    const n = await f.audit.exportCsv(out, { userId: 'u-odd' });
    expect(n).toBe(2250);
    expect(out.writableFinished).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(2251);
    expect(rows.slice(1).every((r) => r[3] === 'u-odd')).toBe(true);
    expect(Number(rows[1]![0])).toBe(2);
    expect(Number(rows.at(-1)![0])).toBe(4500);
  });
});
