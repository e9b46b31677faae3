// Pipes deliver bytes in arbitrary chunks; the TS parser needs whole 188-byte packets. The aligner
// carries the tail of one chunk into the next and resynchronises on the sync byte after garbage
// (e.g. a partial packet written by an ffmpeg that was killed mid-write).
import { TS_PACKET_SIZE, TS_SYNC_BYTE } from './packet';

export class TsAligner {
  private tail: Buffer | null = null;
  /** Bytes thrown away while looking for sync; exposed for stats and tests. */
  discarded = 0;

  /** Returns a buffer holding only whole packets (possibly empty). It may share memory with `chunk`. */
  push(chunk: Buffer): Buffer {
    let buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = null;
    const start = this.findSync(buf);
    if (start < 0) {
      // Keep the last bytes: a sync byte might be the very last byte of this chunk.
      this.discarded += Math.max(0, buf.length - TS_PACKET_SIZE);
      this.tail = Buffer.from(buf.subarray(Math.max(0, buf.length - TS_PACKET_SIZE)));
      return Buffer.alloc(0);
    }
    this.discarded += start;
    buf = buf.subarray(start);
    let end = 0;
    while (end + TS_PACKET_SIZE <= buf.length && buf[end] === TS_SYNC_BYTE) end += TS_PACKET_SIZE;
    if (end + TS_PACKET_SIZE <= buf.length) {
      // Lost sync in the middle: return the good part, re-run the rest through the search.
      const good = buf.subarray(0, end);
      const rest = this.push(Buffer.from(buf.subarray(end)));
      return rest.length ? Buffer.concat([good, rest]) : good;
    }
    // Copy the tail so that holding it does not pin the whole chunk in memory.
    if (end < buf.length) this.tail = Buffer.from(buf.subarray(end));
    return buf.subarray(0, end);
  }

  reset(): void {
    this.tail = null;
  }

  private findSync(buf: Buffer): number {
    // Accept a position only when the next packet also starts with a sync byte (or the data ends),
    // because 0x47 is common inside payloads.
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] !== TS_SYNC_BYTE) continue;
      const next = i + TS_PACKET_SIZE;
      if (next >= buf.length || buf[next] === TS_SYNC_BYTE) return i;
    }
    return -1;
  }
}
