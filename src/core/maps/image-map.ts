// Image maps (a floor plan, a scanned ward map) as the map shows them: a PNG or JPG no larger than
// a WebGL texture. A 20,000 × 20,000 scan is shrunk here by libvips (sharp), which streams the
// picture instead of decoding it whole; anything past a billion pixels is refused.
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../shared/errors';

/** The longest side the map draws: SwiftShader's and most GPUs' largest texture. */
export const IMAGE_MAX_SIDE = 8192;
/** What libvips is allowed to open at all (40,000 × 25,000). */
export const IMAGE_MAX_PIXELS = 1_000_000_000;

export interface ImageMap {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  /** The picture as imported, before shrinking. */
  sourceWidth: number;
  sourceHeight: number;
}

export async function readImageHeader(file: string): Promise<{ format: 'png' | 'jpeg'; width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('map_unreadable', { format: 'image', reason: 'not an image' });
  }
  if ((meta.format !== 'png' && meta.format !== 'jpeg') || !meta.width || !meta.height)
    throw new AppError('map_unreadable', { format: 'image', reason: meta.format ?? 'unknown' });
  return { format: meta.format, width: meta.width, height: meta.height };
}

/** Writes `to` from `from`: the same picture, shrunk to IMAGE_MAX_SIDE if it is larger. */
export async function storeImageMap(from: string, to: string): Promise<ImageMap> {
  const head = await readImageHeader(from);
  if (head.width * head.height > IMAGE_MAX_PIXELS)
    throw new AppError('map_too_large', { width: head.width, height: head.height, limit: IMAGE_MAX_PIXELS });
  const scale = Math.min(1, IMAGE_MAX_SIDE / Math.max(head.width, head.height));
  const width = Math.max(1, Math.round(head.width * scale));
  const height = Math.max(1, Math.round(head.height * scale));
  try {
    let img = sharp(from, { limitInputPixels: IMAGE_MAX_PIXELS, sequentialRead: true });
    if (scale < 1) img = img.resize(width, height, { fit: 'fill' });
    await (head.format === 'png' ? img.png({ compressionLevel: 6 }) : img.jpeg({ quality: 85 })).toFile(to);
  } catch {
    throw new AppError('map_unreadable', { format: head.format, reason: 'truncated' });
  }
  return { format: head.format, width, height, sourceWidth: head.width, sourceHeight: head.height };
}
