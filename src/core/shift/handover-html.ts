// The signed handover as the minute a ward expects (biên bản giao ca), in Vietnamese or English,
// for Chromium to print. Every value is escaped: names, notes and titles are user text.
import type { Handover, IncidentCategory } from '../../shared/contract';
import { esc, printPage } from '../print/chromium-pdf';
import { fill, labels, printTime, type PrintLang } from '../print/labels';

function table(head: string[], rows: (string | number | null)[][], none: string): string {
  if (rows.length === 0) return `<p class="muted">${esc(none)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function handoverHtml(h: Handover, lang: PrintLang, timeZone: string, categories: IncidentCategory[]): string {
  const L = labels(lang);
  const w = L.words;
  const t = (ms: number | null) => printTime(ms, lang, timeZone);
  const cat = (id: string) => {
    const c = categories.find((x) => x.id === id);
    return c ? (lang === 'vi' ? c.nameVi : c.nameEn) : id;
  };
  const r = h.report;
  const incidentRows = (list: typeof r.incidents.opened) =>
    table(
      [w.cols.number, w.cols.time, w.cols.category, w.cols.title, w.cols.area, w.cols.status],
      list.map((i) => [i.number, t(i.occurredAt), cat(i.categoryId), i.title, i.areaName, L.status[i.status]]),
      w.none,
    );
  const alarmRows = (list: typeof r.alarms.notable) =>
    table(
      [w.cols.time, w.cols.camera, w.cols.kind, w.cols.priority, w.cols.raised, w.cols.handled],
      list.map((a) => [
        t(a.firstAt),
        a.cameraName,
        L.kind[a.kind],
        L.priority[a.priority],
        a.count,
        a.ackedAt
          ? `${a.ackedByName ?? ''} ${t(a.ackedAt)}${a.incidentNumber ? ` → ${a.incidentNumber}` : ''}${a.ackNote && !a.incidentNumber ? ` (${a.ackNote})` : ''}`
          : '',
      ]),
      w.none,
    );
  const eventRows = (list: typeof r.ptz) =>
    table(
      [w.cols.time, w.cols.who, w.cols.camera, w.cols.action, w.cols.detail],
      list.map((e) => [t(e.at), e.who, e.target, e.action, e.detail]),
      w.none,
    );

  const body = `
<div class="nation">${esc(w.nation)}</div>
<div class="motto">${esc(w.motto)}</div>
<div class="center muted">${esc(w.centre)}</div>
<h1>${esc(w.minute)}</h1>
<p class="center">${esc(fill(w.period, { from: t(h.from), to: t(h.to) }))}<br>${esc(fill(w.scope, { areas: r.scope.length ? r.scope.join(', ') : w.wholeCentre }))}</p>
<p>${esc(w.outgoing)}: <b>${esc(h.outgoingName)}</b> — ${esc(fill(w.signedAt, { at: t(h.signedAt) }))}<br>
${esc(w.incoming)}: ${h.incoming ? `<b>${esc(h.incoming.name)}</b> — ${esc(fill(w.ackedAt, { at: t(h.incoming.at) }))}` : esc(w.notAcked)}</p>

<h2>${esc(w.incidents)}</h2>
<h3>${esc(w.opened)} (${r.incidents.opened.length})</h3>${incidentRows(r.incidents.opened)}
<h3>${esc(w.changed)} (${r.incidents.changed.length})</h3>${incidentRows(r.incidents.changed)}
<h3>${esc(w.closed)} (${r.incidents.closed.length})</h3>${incidentRows(r.incidents.closed)}
<h3>${esc(w.carried)} (${r.incidents.carriedOver.length})</h3>${incidentRows(r.incidents.carriedOver)}

<h2>${esc(w.alarms)}</h2>
<h3>${esc(w.byKind)}</h3>${table(
    [w.cols.kind, w.cols.rows, w.cols.raised, w.cols.acked, w.cols.escalated, w.cols.open],
    r.alarms.byKind.map((k) => [L.kind[k.kind], k.rows, k.raised, k.acknowledged, k.escalated, k.open]),
    w.none,
  )}
<h3>${esc(w.notable)}</h3>${alarmRows(r.alarms.notable)}
<h3>${esc(w.openAlarms)}</h3>${alarmRows(r.alarms.open)}
<h3>${esc(w.snoozes)}</h3>${eventRows(r.snoozes)}

<h2>${esc(w.cameras)}</h2>${table(
    [w.cols.camera, w.cols.offline, w.cols.back, w.cols.detail],
    r.cameras.map((c) => [c.cameraName, t(c.offlineAt), c.backAt ? t(c.backAt) : w.stillOffline, c.reason]),
    w.none,
  )}
<h2>${esc(w.ptz)}</h2>${eventRows(r.ptz)}
<h2>${esc(w.exports)}</h2>${eventRows(r.exports)}

<h2>${esc(w.notes)}</h2>
<p class="pre">${h.notes ? esc(h.notes) : esc(w.none)}</p>
${h.incoming?.note ? `<p class="pre"><b>${esc(w.incoming)}:</b> ${esc(h.incoming.note)}</p>` : ''}
${
  h.entries.length
    ? `<h3>${esc(w.entries)}</h3>${table(
        [w.cols.time, w.cols.who, w.cols.kind, w.cols.detail],
        h.entries.map((e) => [t(e.at), e.userName, e.kind, e.text]),
        w.none,
      )}`
    : ''
}
${r.truncated ? `<p class="muted">${esc(w.truncated)}</p>` : ''}

<div class="signs">
  <div><b>${esc(w.incoming.toUpperCase())}</b><br><span class="muted">${esc(w.sign)}</span><br><br><br>${esc(h.incoming?.name ?? '')}</div>
  <div><b>${esc(w.outgoing.toUpperCase())}</b><br><span class="muted">${esc(w.sign)}</span><br><br><br>${esc(h.outgoingName)}</div>
</div>
<p class="muted">${esc(fill(w.hash, { hash: h.reportSha256 }))}</p>`;
  return printPage(lang, w.minute, body);
}
