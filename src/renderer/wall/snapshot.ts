// A snapshot of what the tile shows, as a PNG with the camera's name and the time burned in, so a
// picture handed on still says where and when it was taken.

export function snapshotCanvas(video: HTMLVideoElement, caption: string): HTMLCanvasElement {
  const w = video.videoWidth || 640;
  const h = video.videoHeight || 360;
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
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export async function downloadSnapshot(video: HTMLVideoElement, cameraName: string, timeText: string, stamp: Date): Promise<string> {
  const canvas = snapshotCanvas(video, `${cameraName} — ${timeText}`);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob) throw new Error('snapshot failed');
  const name = `${fileSafe(cameraName)}-${stamp.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}.png`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return name;
}
