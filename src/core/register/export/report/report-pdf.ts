// The ward report as PDF, printed by Chromium: a headless Chromium of the system (serve mode; the
// Electron shell may inject its own webContents.printToPDF instead). Why Chromium and not a PDF
// library: Vietnamese needs real font shaping and fallback (stacked diacritics), which a browser
// does right and a small PDF writer does not; the same HTML also prints from the browser. Where no
// Chromium is installed, the download says `pdf_unavailable` and the Reports page's Print button
// (the browser's own print to PDF) remains.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../../shared/errors';

export type PdfPrinter = (html: string) => Promise<Buffer>;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export function chromiumPrinter(workDir: string, chromium: string | null = findChromium(), timeoutMs = 60_000): PdfPrinter {
  return async (html) => {
    if (!chromium) throw new AppError('pdf_unavailable', {});
    const dir = mkdtempSync(path.join(workDir, 'pdf-'));
    try {
      const page = path.join(dir, 'report.html');
      const out = path.join(dir, 'report.pdf');
      writeFileSync(page, html);
      const args = [
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${out}`,
        // Chromium's sandbox cannot start as root (build machines, containers).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        pathToFileURL(page).href,
      ];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(chromium, args, { stdio: 'ignore' });
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('error', (err) => {
          clearTimeout(timer);
          reject(new AppError('pdf_unavailable', {}, { cause: err }));
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          if (code === 0 && existsSync(out)) resolve();
          else reject(new AppError('pdf_unavailable', { exit: code ?? -1 }));
        });
      });
      return readFileSync(path.join(dir, 'report.pdf'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
