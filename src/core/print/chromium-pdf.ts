// PDFs are printed by Chromium from HTML of ours (the shift minute, an incident list).
// Why Chromium, and why in the core:
//  - the minute is a document a ward files: the same bytes whichever console asks, downloadable
//    and checkable (tests read it back with pdftotext), so the core makes it rather than each
//    browser's print dialog (the pages still offer the browser's Print for paper);
//  - Vietnamese needs real shaping and font fallback (stacked diacritics), which a browser does
//    right and small PDF writers do not;
//  - the system Chromium is spawned directly (`--headless --print-to-pdf`), an argument array and
//    a throwaway profile, so the core needs no extra runtime package (playwright-core is a dev
//    dependency). The Electron shell may inject webContents.printToPDF as the printer instead.
// Where no Chromium is found, printing answers `pdf_unavailable` and the pages' Print remains.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';

export type PdfPrinter = (html: string) => Promise<Buffer>;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export interface ChromiumPrinter {
  print: PdfPrinter;
  /** Kills a print in progress (core dispose). */
  dispose(): void;
}

export function chromiumPrinter(workDir: string, chromium: string | null = findChromium(), timeoutMs = 60_000): ChromiumPrinter {
  const running = new Set<ReturnType<typeof spawn>>();
  const print: PdfPrinter = async (html) => {
    if (!chromium) throw new AppError('pdf_unavailable', {});
    mkdirSync(workDir, { recursive: true });
    const dir = mkdtempSync(path.join(workDir, 'pdf-'));
    try {
      const page = path.join(dir, 'page.html');
      const out = path.join(dir, 'out.pdf');
      writeFileSync(page, html);
      // prettier-ignore
      const args = [
        '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-extensions',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer', `--print-to-pdf=${out}`,
        // Chromium's sandbox cannot start as root (build machines, containers).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        pathToFileURL(page).href,
      ];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(chromium, args, { stdio: 'ignore', shell: false });
        running.add(child);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.once('error', (err) => {
          clearTimeout(timer);
          running.delete(child);
          reject(new AppError('pdf_unavailable', {}, { cause: err }));
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          running.delete(child);
          if (code === 0 && existsSync(out)) resolve();
          else reject(new AppError('pdf_unavailable', { exit: code ?? -1 }));
        });
      });
      return await readFile(out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    print,
    dispose() {
      for (const c of running) c.kill('SIGKILL');
      running.clear();
    },
  };
}

/** Text for HTML: every character that could open markup is escaped. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page frame both printouts share: A4, the fonts Debian ships for Vietnamese, no scripts. */
export function printPage(lang: 'vi' | 'en', title: string, body: string, landscape = false): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 16mm 14mm; }
body { font-family: 'Noto Serif', 'DejaVu Serif', 'Times New Roman', serif; font-size: 11.5pt; color: #000; line-height: 1.35; }
h1 { font-size: 15pt; text-align: center; margin: 10px 0 2px; }
h2 { font-size: 12.5pt; margin: 16px 0 4px; text-transform: uppercase; }
h3 { font-size: 11pt; margin: 10px 0 3px; }
.nation { text-align: center; font-weight: bold; }
.motto { text-align: center; font-weight: bold; text-decoration: underline; margin-bottom: 6px; }
.center { text-align: center; }
.muted { color: #444; font-size: 10pt; }
table { width: 100%; border-collapse: collapse; margin: 4px 0; font-size: 10pt; }
th, td { border: 1px solid #555; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eee; }
td:first-child { white-space: nowrap; }
.signs { display: flex; justify-content: space-between; margin-top: 28px; text-align: center; }
.signs div { width: 45%; }
.pre { white-space: pre-wrap; }
</style></head><body>${body}</body></html>`;
}
