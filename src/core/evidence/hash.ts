// SHA-256 of a file, streamed in large reads (node:crypto runs at ~1 GB/s here, so the disk sets
// the pace) and never held whole in memory.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export async function sha256File(file: string, onBytes?: (n: number) => void, cancelled?: () => boolean): Promise<{ sha256: string; bytes: number }> {
  const fh = await open(file, 'r');
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    let bytes = 0;
    for (;;) {
      if (cancelled?.()) throw new Error('cancelled');
      const { bytesRead } = await fh.read(buf, 0, buf.length, bytes);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      bytes += bytesRead;
      onBytes?.(bytesRead);
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await fh.close();
  }
}
