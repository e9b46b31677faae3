// Keyframes split across PES. Some cameras send a multi-slice keyframe with SPS and PPS before
// every slice; ffmpeg's parser then cuts it into one PES per slice, and a player that takes each
// PES for a frame (mpegts.js, MSE) shows garbage until the next keyframe. This rewrites such a
// stream in place, packet by packet, into one PES per frame, without holding anything back:
// - A PES that continues a frame is recognised by its first slice (first_mb_in_slice ≠ 0: the
//   slice header's first ue(v) is 0 exactly when its first bit is 1), whatever its timestamp.
// - Once a stream has been seen doing it, every keyframe PES goes out with PES_packet_length 0
//   ("until the next PES starts", legal for video), and each continuation's first packet loses its
//   PES header (moved into adaptation-field stuffing) and its unit-start flag, so its bytes join
//   the keyframe's PES. Costs: a keyframe of such a stream ends at the next frame's start.
// - The first split keyframe of a stream already went out with its length: it is left as it is
//   (the browser's demuxer then waits for the next whole keyframe).
import { TS_PACKET_SIZE } from './packet';

/** Offset of the first slice's first byte after its NAL header in [from, end), or -1. */
function firstSlice(buf: Buffer, from: number, end: number): number {
  for (let i = from; i + 4 < end; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) {
      const type = buf[i + 3]! & 0x1f;
      if (type === 1 || type === 5) return i + 4;
      i += 2;
    }
  }
  return -1;
}

export class SplitKeyframes {
  /** This stream was seen splitting a frame across PES. */
  seen = false;
  /** The PES in progress went out with length 0, so continuations may join it. */
  private open = false;

  /**
   * Called for each packet on the video pid that starts a PES (H.264 only), with `p` the offset
   * of its payload. `merged`: the packet was rewritten into the previous PES (it no longer starts
   * one); `rest`: it continues the previous frame but could not be merged; `frame`: a new frame.
   */
  onPesStart(buf: Buffer, at: number, p: number, keyframe: boolean): 'merged' | 'rest' | 'frame' {
    const end = at + TS_PACKET_SIZE;
    if (p + 9 > end || buf[p] !== 0 || buf[p + 1] !== 0 || buf[p + 2] !== 1) return 'frame';
    const es = p + 9 + buf[p + 8]!;
    const slice = es < end ? firstSlice(buf, es, end) : -1;
    const continues = slice >= 0 && (buf[slice]! & 0x80) === 0;
    if (continues) {
      this.seen = true;
      if (!this.open) return 'rest';
      stripPesHeader(buf, at, es);
      return 'merged';
    }
    this.open = this.seen && keyframe;
    if (this.open) {
      buf[p + 4] = 0;
      buf[p + 5] = 0;
    }
    return 'frame';
  }
}

/** Turns a PES's first packet into a continuation packet: no unit start, header → stuffing. */
function stripPesHeader(buf: Buffer, at: number, es: number): void {
  const end = at + TS_PACKET_SIZE;
  const payload = Buffer.from(buf.subarray(es, end));
  const afc = (buf[at + 3]! >> 4) & 0x03;
  const af = afc === 3 ? Buffer.from(buf.subarray(at + 5, at + 5 + buf[at + 4]!)) : Buffer.alloc(0);
  const afLen = TS_PACKET_SIZE - 5 - payload.length; // ≥ 9: the PES header was at least that
  buf[at + 1] = buf[at + 1]! & ~0x40;
  buf[at + 3] = (buf[at + 3]! & 0xcf) | 0x30;
  buf[at + 4] = afLen;
  let o = at + 5;
  if (af.length) {
    af.copy(buf, o);
    o += af.length;
  } else {
    buf[o++] = 0x00; // adaptation field flags: none
  }
  buf.fill(0xff, o, at + 5 + afLen);
  payload.copy(buf, at + 5 + afLen);
}
