// Photos on repair tickets: the technician's proof of what was found and what was fixed. The pieces
// are the incident files' own: the file arrives through the upload route (streamed to disk under a
// size limit, UploadStore), its type is taken from its first bytes only (sniffMime), its name is
// made harmless (sanitiseFileName), and it is moved into a store of its own (AttachmentStore) by a
// rename, in step with the database row and a line of the ticket's history. A small JPEG thumbnail
// is made beside it (sharp), which also proves the picture decodes: a text file renamed .jpg, or a
// JPEG header followed by rubbish, is refused with `photo_not_image`.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { PHOTO_MAX_BYTES, type TicketPhoto } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { AttachmentStore, sanitiseFileName, sniffMime } from '../incidents/attachment-store';
import { UploadStore } from '../register/import/uploads';
import type { RepairRepository, StoredPhoto } from './repair-repository';

/** Thumbnails fit in this square (the ticket shows them at about half of it; sharp on a HiDPI screen). */
const THUMB_PX = 320;
/** A 15 MB phone photo is about 50 megapixels at most; anything larger is not a photo we decode. */
const MAX_PIXELS = 100_000_000;

export const publicPhoto = ({ ticketId: _t, sha256: _s, file: _f, thumb: _th, ...rest }: StoredPhoto): TicketPhoto => rest;

export interface RepairPhotosOptions {
  repo: RepairRepository;
  dataDir: string;
  /** Largest photo in bytes (PHOTO_MAX_BYTES unless a test lowers it). */
  limit?: number;
  now?: () => number;
}

async function head(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const { bytesRead } = await fh.read(buf, 0, 16, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function sha256(file: string): Promise<{ hash: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hash: h.digest('hex'), bytes };
}

export class RepairPhotos {
  /** Where POST /upload?for=repair puts a photo until it is attached (swept after a day). */
  readonly uploads: UploadStore;
  readonly store: AttachmentStore;
  private readonly now: () => number;

  constructor(private readonly o: RepairPhotosOptions) {
    this.store = new AttachmentStore(o.dataDir, 'repair');
    // Inside the store's own staging folder, so attaching is a rename within one folder tree.
    this.uploads = new UploadStore(o.dataDir, o.limit ?? PHOTO_MAX_BYTES, 'repair/staging');
    this.now = o.now ?? Date.now;
  }

  get limit(): number {
    return this.uploads.limit;
  }

  /**
   * Checks an uploaded file and attaches it to the ticket; `record` writes the rows (photo and
   * history line) inside one transaction. The upload is gone afterwards whatever happened.
   */
  async attach(ticketId: string, uploadId: string, rawName: string, by: string | null): Promise<TicketPhoto> {
    const source = this.uploads.file(uploadId);
    let moved: { file: string; thumb: string } | null = null;
    try {
      if (sniffMime(await head(source)) === 'application/octet-stream') throw new AppError('photo_not_image', {});
      let thumb: Buffer;
      let size: { width: number; height: number };
      let format: string;
      try {
        const meta = await sharp(source, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).metadata();
        format = meta.format;
        size = meta.autoOrient ?? { width: meta.width, height: meta.height };
        // Decoding the whole picture for the thumbnail is the check that it is one.
        thumb = await sharp(source, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
          .autoOrient()
          .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
          .jpeg({ quality: 78 })
          .toBuffer();
      } catch (err) {
        throw new AppError('photo_not_image', {}, { cause: err });
      }
      if (format !== 'jpeg' && format !== 'png') throw new AppError('photo_not_image', {});
      const { hash, bytes } = await sha256(source);
      const id = randomUUID();
      const at = this.now();
      const file = await this.store.commit(`staging/${uploadId}`, id, at);
      moved = { file, thumb: `${file}.thumb` };
      await writeFile(this.store.resolve(moved.thumb), thumb, { flag: 'wx', mode: 0o600 });
      const photo: StoredPhoto = {
        id,
        ticketId,
        name: sanitiseFileName(rawName, 'photo'),
        mime: format === 'png' ? 'image/png' : 'image/jpeg',
        bytes,
        sha256: hash,
        width: size.width ?? null,
        height: size.height ?? null,
        file: moved.file,
        thumb: moved.thumb,
        createdAt: at,
        createdBy: by,
      };
      this.o.repo.transaction(() => {
        this.o.repo.addPhoto(photo);
        this.o.repo.addEvent(ticketId, at, by, 'photo', photo.name);
      });
      moved = null;
      return publicPhoto(photo);
    } finally {
      if (moved) {
        await this.store.remove(moved.file);
        await this.store.remove(moved.thumb);
      }
      this.uploads.remove(uploadId);
    }
  }

  list(ticketId: string): TicketPhoto[] {
    return this.o.repo.photos(ticketId).map(publicPhoto);
  }

  photo(id: string): StoredPhoto | null {
    return this.o.repo.photo(id);
  }
}
