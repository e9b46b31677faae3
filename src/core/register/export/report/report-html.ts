// The ward report as a printable page (A4 landscape): what Chromium prints to PDF. Escaped text
// only; no script, no outside resources.
import type { StatsReport } from '../../../../shared/contract';
import type { Lang } from '../../import/columns';
import { fill, REPORT_LABELS, vnDate } from './report-labels';
import { reportTable } from './report-table';

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function reportHtml(report: StatsReport, centre: string, lang: Lang, madeAt: string): string {
  const L = REPORT_LABELS[lang];
  const t = reportTable(report, lang);
  const groups = t.groups.map((g) => `<th colspan="${g.span}">${esc(g.label)}</th>`).join('');
  const head = t.header.map((h) => `<th>${esc(h)}</th>`).join('');
  const rows = t.rows
    .map(
      (r) =>
        `<tr class="d${Math.min(r.depth, 3)}"><th style="padding-left:${0.4 + r.depth * 1.1}em">${esc(r.cells[0]!)}</th>${r.cells
          .slice(1)
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const total = `<tr class="total"><th>${esc(t.total[0]!)}</th>${t.total
    .slice(1)
    .map((c) => `<td>${esc(c)}</td>`)
    .join('')}</tr>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(L.title)}</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 8.5pt; color: #000; }
header { text-align: center; margin-bottom: 8pt; }
header .centre { font-weight: bold; font-size: 10pt; }
header h1 { font-size: 13pt; margin: 4pt 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #444; padding: 2pt 3pt; }
td { text-align: right; font-variant-numeric: tabular-nums; }
tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
thead th:first-child { min-width: 11em; }
tr.d0 th, tr.total th, tr.total td { font-weight: bold; }
thead th { background: #eee; font-size: 7.5pt; }
tr { page-break-inside: avoid; }
.made { text-align: right; font-style: italic; margin-top: 6pt; }
</style></head><body>
<header><div class="centre">${esc(centre.toUpperCase())}</div><h1>${esc(L.title)}</h1><div>${esc(fill(L.asOf, { day: vnDate(report.asOf) }))}</div></header>
<table><thead><tr>${groups}</tr><tr>${head}</tr></thead><tbody>
${rows}
${total}
</tbody></table>
<p class="made">${esc(fill(L.made, { time: madeAt }))}</p>
</body></html>`;
}
