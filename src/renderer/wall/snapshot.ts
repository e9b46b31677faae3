// A snapshot of what the tile shows, as a PNG with the camera's name and the time burned in, so a
// picture handed on still says where and when it was taken.
import { pictureSize, type PictureElement } from '../video/picture';

export function snapshotCanvas(video: PictureElement, caption: string): HTMLCanvasElement {
  const size0 = pictureSize(video);
  const w = size0.width || 640;
  const h = size0.height || 360;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(video, 0, 0, w, h);
  const size = Math.max(14, Math.round(h / 28));
  const band = Math.round(size * 1.8);
  ctx.fillStyle = 'rgba(0,0,0,0.72)';
  ctx.fillRect(0, h - band, w, band);
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${size}px 'Noto Sans', 'DejaVu Sans', sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(caption, Math.round(size * 0.6), h - band / 2);
  return canvas;
}

export function fileSafe(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * The picture's time in the console's zone with its offset, e.g. 20250301T142305+0700: the officer
 * reads the hour they saw, and the file still says unambiguously which instant it was.
 */
export function fileStamp(epochMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(epochMs)
      .map((p) => [p.type, p.value]),
  );
  const offset = /GMT([+-]\d{2}):?(\d{2})?/.exec(parts.timeZoneName ?? '');
  const zone = offset ? `${offset[1]}${offset[2] ?? '00'}` : '+0000';
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}${zone}`;
}

export async function downloadSnapshot(video: PictureElement, cameraName: string, timeText: string, at: number, timeZone: string): Promise<string> {
  const canvas = snapshotCanvas(video, `${cameraName} — ${timeText}`);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob) throw new Error('snapshot failed');
  const name = `${fileSafe(cameraName)}-${fileStamp(at, timeZone)}.png`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return name;
}
