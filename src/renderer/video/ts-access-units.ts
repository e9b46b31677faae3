// The WebCodecs path's demuxer: MPEG-TS bytes from the video socket → H.264 access units (Annex B,
// with their 90 kHz timestamps), ready for a VideoDecoder. Deliberately narrow: one program, its
// first video stream, H.264 only (the core transcodes everything else to H.264).
//
// Latency: an access unit is handed on the moment its PES's declared length is reached (the relay
// asks ffmpeg to write it), not when the next one starts; only PES of unbounded length (frames
// over 64 KiB, merged keyframes) wait for the next PES start.
//
// Some cameras split one frame across several PES with the same PTS (multi-slice keyframes with
// SPS/PPS repeated before each slice). A decoder given those as separate chunks shows garbage, so
// PES with the PTS of the unit before it are merged into it. The hub already merges them for
// streams it has seen split (see src/core/media/ts/split-keyframes.ts); here a unit waits for the
// rest of its socket message, and, once this stream was seen splitting, a keyframe waits for the
// next frame's start. A part that arrives after its frame went to the decoder is `orphan`: the
// player then waits for the next whole keyframe rather than show a half-decoded picture.

export const TS_PACKET = 188;

export interface AccessUnit {
  /** Annex B bytes (start codes kept). */
  data: Uint8Array;
  pts: number;
  dts: number;
  /** Contains an IDR slice. */
  key: boolean;
  /** The SPS carried by this unit, if any (for the codec string and to see resolution changes). */
  sps: Uint8Array | null;
  /** The late part of a frame already handed on (see above). */
  orphan?: boolean;
}

export type StreamKind = 'h264' | 'other' | null;

interface Pes {
  parts: Uint8Array[];
  bytes: number;
  /** Declared ES bytes (PES_packet_length minus the header), or null for unbounded. */
  expected: number | null;
  pts: number | null;
  dts: number | null;
}

function readTs(b: Uint8Array, i: number): number {
  return ((b[i]! >> 1) & 0x07) * 2 ** 30 + (b[i + 1]! << 22) + ((b[i + 2]! >> 1) << 15) + (b[i + 3]! << 7) + (b[i + 4]! >> 1);
}

/** NAL units of an Annex B buffer as [start, end) of their payload (after the start code). */
export function nalUnits(b: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i + 2 < b.length; i++) {
    if (b[i] === 0 && b[i + 1] === 0 && b[i + 2] === 1) {
      if (start >= 0) {
        let end = i;
        if (end > start && b[end - 1] === 0) end--; // 4-byte start code of the next unit
        out.push([start, end]);
      }
      start = i + 3;
      i += 2;
    }
  }
  if (start >= 0 && start < b.length) out.push([start, b.length]);
  return out;
}

/** `avc1.PPCCLL` from an SPS NAL (header byte first): profile, constraint flags, level. */
export function avcCodecString(sps: Uint8Array): string | null {
  if (sps.length < 4 || (sps[0]! & 0x1f) !== 7) return null;
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  return `avc1.${hex(sps[1]!)}${hex(sps[2]!)}${hex(sps[3]!)}`;
}

export class TsAccessUnits {
  private pmtPid: number | null = null;
  private videoPid: number | null = null;
  kind: StreamKind = null;
  private pes: Pes | null = null;
  /** The newest finished unit, held back only while a PES with the same PTS may follow. */
  private held: AccessUnit | null = null;
  private carry: Uint8Array | null = null;
  /** PTS of the newest unit handed on, to recognise late parts of it. */
  private lastOutPts: number | null = null;
  /** This stream was seen splitting a frame across PES. */
  splits = false;
  private out: AccessUnit[] = [];

  /** Feeds socket bytes; returns the units completed by them. */
  push(chunk: Uint8Array): AccessUnit[] {
    let buf = chunk;
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      this.carry = null;
    }
    const out: AccessUnit[] = [];
    this.out = out;
    let at = 0;
    while (at + TS_PACKET <= buf.length) {
      if (buf[at] !== 0x47) {
        // Lost sync (a corrupt chunk): find the next sync byte and drop the unit in progress.
        this.pes = null;
        at++;
        continue;
      }
      this.packet(buf, at, out);
      at += TS_PACKET;
    }
    if (at < buf.length) this.carry = buf.slice(at);
    // Everything received so far is in: a unit that cannot be followed by a same-PTS part in this
    // chunk goes out now (merging waits at most for the rest of a chunk, never for the next frame).
    if (this.held && !(this.splits && this.held.key)) this.emit(this.held, out);
    return out;
  }

  reset(): void {
    this.pmtPid = this.videoPid = null;
    this.kind = null;
    this.pes = null;
    this.held = null;
    this.carry = null;
  }

  private packet(b: Uint8Array, at: number, out: AccessUnit[]): void {
    const pid = ((b[at + 1]! & 0x1f) << 8) | b[at + 2]!;
    const start = (b[at + 1]! & 0x40) !== 0;
    const afc = (b[at + 3]! >> 4) & 0x03;
    let p = at + 4;
    if (afc === 2 || afc === 3) p = at + 5 + b[at + 4]!;
    const end = at + TS_PACKET;
    if (afc === 0 || afc === 2 || p >= end) return;
    if (pid === 0) {
      if (start) this.pat(b, p + 1 + b[p]!, end);
    } else if (pid === this.pmtPid) {
      if (start) this.pmt(b, p + 1 + b[p]!, end);
    } else if (pid === this.videoPid) {
      if (start) {
        this.finish(out);
        this.beginPes(b, p, end);
      } else if (this.pes) {
        this.addPart(b.subarray(p, end));
      }
      if (this.pes && this.pes.expected !== null && this.pes.bytes >= this.pes.expected) this.finish(out);
    }
  }

  private pat(b: Uint8Array, s: number, end: number): void {
    if (s + 12 > end || b[s] !== 0) return;
    const len = ((b[s + 1]! & 0x0f) << 8) | b[s + 2]!;
    const last = Math.min(s + 3 + len - 4, end);
    for (let i = s + 8; i + 4 <= last; i += 4) {
      if (((b[i]! << 8) | b[i + 1]!) !== 0) {
        this.pmtPid = ((b[i + 2]! & 0x1f) << 8) | b[i + 3]!;
        return;
      }
    }
  }

  private pmt(b: Uint8Array, s: number, end: number): void {
    if (s + 12 > end || b[s] !== 2) return;
    const len = ((b[s + 1]! & 0x0f) << 8) | b[s + 2]!;
    const last = Math.min(s + 3 + len - 4, end);
    let i = s + 12 + (((b[s + 10]! & 0x0f) << 8) | b[s + 11]!);
    while (i + 5 <= last) {
      const type = b[i]!;
      const pid = ((b[i + 1]! & 0x1f) << 8) | b[i + 2]!;
      const video = type === 0x1b || type === 0x24 || type === 0x01 || type === 0x02 || type === 0x10;
      if (video) {
        if (pid !== this.videoPid) this.pes = null;
        this.videoPid = pid;
        this.kind = type === 0x1b ? 'h264' : 'other';
        return;
      }
      i += 5 + (((b[i + 3]! & 0x0f) << 8) | b[i + 4]!);
    }
  }

  private beginPes(b: Uint8Array, p: number, end: number): void {
    this.pes = null;
    if (p + 9 > end || b[p] !== 0 || b[p + 1] !== 0 || b[p + 2] !== 1) return;
    const headerLen = b[p + 8]!;
    const es = p + 9 + headerLen;
    if (es > end) return;
    const flags = b[p + 7]!;
    const pts = flags & 0x80 && p + 14 <= end ? readTs(b, p + 9) : null;
    const dts = (flags & 0xc0) === 0xc0 && p + 19 <= end ? readTs(b, p + 14) : pts;
    // A held keyframe is whole once a PES that starts another frame begins.
    if (this.held && pts !== null && Math.abs(this.held.pts - pts) > 2 && firstSliceAt(b.subarray(es, end)) === 'start') this.emit(this.held, this.out);
    const declared = (b[p + 4]! << 8) | b[p + 5]!;
    this.pes = { parts: [], bytes: 0, expected: declared ? declared - 3 - headerLen : null, pts, dts };
    this.addPart(b.subarray(es, end));
  }

  private addPart(part: Uint8Array): void {
    const pes = this.pes!;
    // Copy: the socket's buffers are not ours to keep.
    pes.parts.push(part.slice());
    pes.bytes += part.length;
  }

  private finish(out: AccessUnit[]): void {
    const pes = this.pes;
    this.pes = null;
    if (!pes || pes.bytes === 0 || pes.pts === null || this.kind !== 'h264') return;
    const data = pes.expected !== null && pes.bytes > pes.expected ? concat(pes.parts, pes.expected) : concat(pes.parts, pes.bytes);
    const unit = describe(data, pes.pts, pes.dts ?? pes.pts);
    const held = this.held;
    const rest = continuesFrame(data);
    if (held && (rest || Math.abs(held.pts - unit.pts) <= 2)) {
      // Another part of the same frame (multi-slice keyframe split across PES): one chunk.
      this.splits = true;
      this.held = { data: concat([held.data, unit.data], held.data.length + unit.data.length), pts: held.pts, dts: held.dts, key: held.key || unit.key, sps: held.sps ?? unit.sps };
      return;
    }
    if (held) this.emit(held, out);
    if (rest || (this.lastOutPts !== null && Math.abs(this.lastOutPts - unit.pts) <= 2)) {
      this.splits = true;
      out.push({ ...unit, orphan: true });
      return;
    }
    this.held = unit;
  }

  private emit(unit: AccessUnit, out: AccessUnit[]): void {
    out.push(unit);
    this.lastOutPts = unit.pts;
    this.held = null;
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]!.length === length) return parts[0]!;
  const out = new Uint8Array(length);
  let o = 0;
  for (const part of parts) {
    const n = Math.min(part.length, length - o);
    out.set(part.subarray(0, n), o);
    o += n;
    if (o >= length) break;
  }
  return out;
}

/**
 * True when the first slice in these bytes does not start at macroblock 0: the bytes continue a
 * frame that began in an earlier PES (first_mb_in_slice is the slice header's first ue(v), and
 * ue(v) is 0 exactly when its first bit is 1). Whatever their timestamps say.
 */
export function continuesFrame(data: Uint8Array): boolean {
  return firstSliceAt(data) === 'rest';
}

/** Whether the first slice in these bytes starts a frame, continues one, or no slice is there yet. */
function firstSliceAt(data: Uint8Array): 'start' | 'rest' | null {
  for (const [s, e] of nalUnits(data)) {
    const type = data[s]! & 0x1f;
    if ((type === 1 || type === 5) && e > s + 1) return (data[s + 1]! & 0x80) === 0 ? 'rest' : 'start';
  }
  return null;
}

function describe(data: Uint8Array, pts: number, dts: number): AccessUnit {
  let key = false;
  let sps: Uint8Array | null = null;
  for (const [s, e] of nalUnits(data)) {
    const type = data[s]! & 0x1f;
    if (type === 5) key = true;
    else if (type === 7 && !sps) sps = data.subarray(s, e);
  }
  return { data, pts, dts, key, sps };
}
