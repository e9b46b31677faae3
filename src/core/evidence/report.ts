// The package's human-readable report: the manifest for people, in Vietnamese or English, as HTML
// (always) and PDF (printed by Chromium, headless, when one is installed). Self-contained: no script,
// no external resource, so it opens the same way years later.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Manifest } from './package-format';

const T = {
  en: {
    title: 'Evidence export report',
    case: 'Case / incident number',
    incident: 'Incident',
    reason: 'Reason',
    operator: 'Exported by',
    created: 'Exported at',
    requested: 'Requested range',
    app: 'Software',
    key: 'Signing key fingerprint (SHA-256)',
    cameras: 'Cameras',
    camera: 'Camera',
    point: 'Point',
    address: 'Address',
    coords: 'Coordinates',
    area: 'Area',
    offset: 'Camera clock offset',
    notMeasured: 'not measured',
    delivered: 'Delivered',
    gaps: 'Gaps (no recording)',
    skipped: 'Segments skipped (damaged)',
    none: 'none',
    files: 'Files',
    name: 'Name',
    size: 'Size (bytes)',
    sha: 'SHA-256',
    encrypted: 'The media files are encrypted (AES-256-GCM, key from a password with scrypt). The password is not in this package.',
    check: 'How to check this package: see README.txt (sha256sum and OpenSSL only).',
    local: 'local',
    ms: 'ms',
    from: 'from',
    to: 'to',
    burned: 're-encoded copy with name and time burned in',
  },
  vi: {
    title: 'Biên bản trích xuất chứng cứ',
    case: 'Số hồ sơ / vụ việc',
    incident: 'Vụ việc',
    reason: 'Lý do',
    operator: 'Người trích xuất',
    created: 'Thời điểm trích xuất',
    requested: 'Khoảng thời gian yêu cầu',
    app: 'Phần mềm',
    key: 'Dấu vân tay khoá ký (SHA-256)',
    cameras: 'Camera',
    camera: 'Camera',
    point: 'Điểm',
    address: 'Địa chỉ',
    coords: 'Toạ độ',
    area: 'Khu vực',
    offset: 'Độ lệch đồng hồ camera',
    notMeasured: 'chưa đo',
    delivered: 'Đã xuất',
    gaps: 'Khoảng trống (không có ghi hình)',
    skipped: 'Đoạn bị bỏ qua (hỏng)',
    none: 'không có',
    files: 'Tệp',
    name: 'Tên',
    size: 'Dung lượng (byte)',
    sha: 'SHA-256',
    encrypted: 'Các tệp video được mã hoá (AES-256-GCM, khoá sinh từ mật khẩu bằng scrypt). Mật khẩu không nằm trong gói này.',
    check: 'Cách kiểm tra gói: xem README.txt (chỉ cần sha256sum và OpenSSL).',
    local: 'giờ địa phương',
    ms: 'ms',
    from: 'từ',
    to: 'đến',
    burned: 'bản mã hoá lại có in tên và thời gian',
  },
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const range = (t: (typeof T)['en' | 'vi'], a: { local: string; utc: string }, b: { local: string; utc: string }) =>
  `${t.from} <b>${esc(a.local)}</b> ${t.to} <b>${esc(b.local)}</b><br><small>UTC ${esc(a.utc)} → ${esc(b.utc)}</small>`;

export function reportHtml(m: Manifest, lang: 'vi' | 'en'): string {
  const t = T[lang];
  const rows = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('');
  const cams = m.cameras
    .map((c) => {
      const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : esc(t.none));
      return `<section class="cam"><h3>${esc(c.name)}</h3><table>${rows([
        [t.point, esc(c.point.name)],
        [t.address, esc(c.point.address || '—')],
        [t.coords, c.point.lat !== null && c.point.lon !== null ? `${c.point.lat.toFixed(6)}, ${c.point.lon.toFixed(6)}` : '—'],
        [t.area, esc(c.area ?? '—')],
        [t.offset, c.clockOffsetMs === null ? esc(t.notMeasured) : `${c.clockOffsetMs} ${t.ms}`],
        [t.delivered, list(c.delivered.map((d) => `${range(t, d.from, d.to)}<br><code>${esc(d.file)}</code>`))],
        [t.gaps, list(c.gaps.map((g) => range(t, g.from, g.to)))],
        [t.skipped, list(c.skippedSegments.map((s) => `${range(t, s.from, s.to)} — ${esc(s.reason)}`))],
      ])}</table></section>`;
    })
    .join('');
  const files = m.files
    .map(
      (f) =>
        `<tr><td><code>${esc(f.name)}</code>${f.kind === 'video-burned-in' ? `<br><small>${esc(t.burned)}</small>` : ''}</td><td class="num">${f.bytes}</td><td><code class="sha">${f.sha256}</code></td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t.title)} — ${esc(m.case.number)}</title>
<style>
body{font:11pt/1.45 "DejaVu Sans",Arial,sans-serif;color:#111;margin:24px;max-width:1000px}
h1{font-size:18pt;margin:0 0 4px}h2{font-size:13pt;margin:22px 0 6px;border-bottom:1px solid #999}h3{font-size:12pt;margin:14px 0 4px}
table{border-collapse:collapse;width:100%;margin:4px 0}th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee;width:28%;font-weight:600}.files th{width:auto}td.num{text-align:right;white-space:nowrap}
code{font:9pt "DejaVu Sans Mono",monospace}.sha{word-break:break-all}small{color:#444}ul{margin:0;padding-left:18px}
.note{border:1px solid #b80;background:#fff8e6;padding:6px 8px;margin:10px 0}
@media print{body{margin:0}section.cam{break-inside:avoid}}
</style></head><body>
<h1>${esc(t.title)}</h1>
<table>${rows([
    [t.case, `<b>${esc(m.case.number)}</b>${m.case.incidentId ? ` — ${esc(t.incident)} ${esc(m.case.incidentId)}` : ''}`],
    [t.reason, esc(m.case.reason)],
    [t.operator, `${esc(m.operator.displayName)} (${esc(m.operator.username)})`],
    [t.created, `${esc(m.createdAt.local)} (${esc(m.timeZone)})<br><small>UTC ${esc(m.createdAt.utc)}</small>`],
    [t.requested, range(t, m.requested.from, m.requested.to)],
    [t.app, `${esc(m.app.name)} ${esc(m.app.version)}`],
    [t.key, `<code class="sha">${esc(m.signing.publicKeyFingerprintSha256)}</code>`],
  ])}</table>
${m.encryption ? `<p class="note">${esc(t.encrypted)}</p>` : ''}
<h2>${esc(t.cameras)}</h2>${cams}
<h2>${esc(t.files)}</h2>
<table class="files"><tr><th>${esc(t.name)}</th><th>${esc(t.size)}</th><th>${esc(t.sha)}</th></tr>${files}</table>
<p>${esc(t.check)}</p>
</body></html>
`;
}

/** Chromium for printing: CHROMIUM_PATH, else the usual places; null when there is none. */
export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** Prints the HTML report to PDF with headless Chromium. Resolves false (never throws) when it cannot. */
export async function printPdf(chromium: string, html: string, pdf: string, timeoutMs = 30_000): Promise<boolean> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'wf-print-'));
  try {
    // prettier-ignore
    const args = [
      '--headless', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--disable-extensions',
      `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`,
      // Chromium refuses its sandbox as root (containers); a desktop user keeps it.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(html).href,
    ];
    const child = spawn(chromium, args, { stdio: 'ignore', shell: false });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((r) => {
      child.once('error', () => r(-1));
      child.once('close', (c) => r(c));
    });
    clearTimeout(timer);
    return code === 0 && existsSync(pdf);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
