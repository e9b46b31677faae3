// Importing a map from the page: a PMTiles/MBTiles/PNG/JPG file goes to the core as it is (streamed
// upload, then maps.import checks it); a PDF is drawn here, one page, with pdf.js, and sent as a
// PNG. A PDF with no pages, or one pdf.js cannot read, fails with a translated error.
import type { MapInfo } from '../../shared/contract';
import { ApiError, type ApiClient } from '../api/client';
import { uploadFile } from '../register/upload';

/** The longest side a PDF page is drawn at: a ward map stays legible, the picture stays small. */
const PDF_SIDE = 4096;

export async function pdfPageCount(file: File): Promise<number> {
  const doc = await openPdf(file);
  try {
    return doc.numPages;
  } finally {
    void doc.destroy();
  }
}

async function openPdf(file: File) {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  try {
    return await pdfjs.getDocument({ data: new Uint8Array(await file.arrayBuffer()), isEvalSupported: false }).promise;
  } catch {
    throw new ApiError({ code: 'map_unreadable', params: { format: 'PDF', reason: 'unreadable' } });
  }
}

/** One page of a PDF as a PNG file. */
export async function pdfPageAsPng(file: File, pageNumber: number): Promise<File> {
  const doc = await openPdf(file);
  try {
    if (doc.numPages < 1) throw new ApiError({ code: 'map_no_pages', params: {} });
    const page = await doc.getPage(Math.min(Math.max(1, pageNumber), doc.numPages));
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: PDF_SIDE / Math.max(base.width, base.height) });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvas, viewport }).promise;
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    if (!blob) throw new ApiError({ code: 'map_unreadable', params: { format: 'PDF', reason: 'page' } });
    return new File([blob], file.name.replace(/\.pdf$/i, '') + `-p${pageNumber}.png`, { type: 'image/png' });
  } finally {
    void doc.destroy();
  }
}

export const isPdf = (file: File) => /\.pdf$/i.test(file.name) || file.type === 'application/pdf';

export async function importMap(api: ApiClient, file: File, name: string, onProgress: (fraction: number) => void, pdfPage = 1): Promise<MapInfo> {
  const body = isPdf(file) ? await pdfPageAsPng(file, pdfPage) : file;
  const uploadId = await uploadFile(api.downloadUrl('/upload', { for: 'map' }), body, onProgress);
  return api.call('maps.import', { uploadId, name: name.trim().slice(0, 200) || file.name });
}
