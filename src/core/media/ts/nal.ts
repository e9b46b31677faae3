// Keyframe detection from the start of a PES payload, for streams whose muxer does not set the
// random_access_indicator. We look only at the bytes in the PES's first TS packet: a keyframe
// access unit starts with parameter sets (SPS/PPS, or VPS for H.265) that fit there, while the IDR
// slice itself may come after a long SEI in a later packet.
import type { VideoCodec } from './psi';

/** Offset of the elementary stream inside a PES header starting at `p`, or -1. */
export function pesPayloadStart(buf: Buffer, p: number, end: number): number {
  if (p + 9 > end || buf[p] !== 0 || buf[p + 1] !== 0 || buf[p + 2] !== 1) return -1;
  const start = p + 9 + buf[p + 8]!;
  return start <= end ? start : -1;
}

function isKeyNal(codec: VideoCodec, header: number): boolean {
  if (codec === 'h264') {
    const type = header & 0x1f;
    return type === 5 || type === 7; // IDR slice, SPS
  }
  if (codec === 'h265') {
    const type = (header >> 1) & 0x3f;
    return (type >= 16 && type <= 21) || type === 32 || type === 33; // IRAP (BLA/IDR/CRA), VPS, SPS
  }
  return false;
}

/** True when the bytes [from, end) contain a NAL unit that starts a decodable access unit. */
export function containsKeyNal(codec: VideoCodec, buf: Buffer, from: number, end: number): boolean {
  for (let i = from; i + 3 < end; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) {
      if (isKeyNal(codec, buf[i + 3]!)) return true;
      i += 2;
    }
  }
  return false;
}

/** The 33-bit PTS of a PES header starting at `p` (90 kHz), or null when absent. */
export function pesPts(buf: Buffer, p: number, end: number): number | null {
  if (p + 14 > end || buf[p] !== 0 || buf[p + 1] !== 0 || buf[p + 2] !== 1) return null;
  if ((buf[p + 7]! & 0x80) === 0) return null;
  const b = p + 9;
  return ((buf[b]! >> 1) & 0x07) * 2 ** 30 + (buf[b + 1]! << 22) + ((buf[b + 2]! >> 1) << 15) + (buf[b + 3]! << 7) + (buf[b + 4]! >> 1);
}

/** The 33-bit DTS of a PES header at `p` (90 kHz): the PTS when the header carries no DTS. */
export function pesDts(buf: Buffer, p: number, end: number): number | null {
  if (p + 19 > end || buf[p] !== 0 || buf[p + 1] !== 0 || buf[p + 2] !== 1) return pesPts(buf, p, end);
  if ((buf[p + 7]! & 0xc0) !== 0xc0) return pesPts(buf, p, end);
  const b = p + 14;
  return ((buf[b]! >> 1) & 0x07) * 2 ** 30 + (buf[b + 1]! << 22) + ((buf[b + 2]! >> 1) << 15) + (buf[b + 3]! << 7) + (buf[b + 4]! >> 1);
}
