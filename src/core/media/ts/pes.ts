// PES timestamps and the PCR: read and rewritten in place (ISO/IEC 13818-1 §2.4.3.5, §2.4.3.7).
// Playback serves recordings on one continuous timeline (gaps and ffmpeg restarts removed) by
// rewriting these few bytes per frame; nothing else in a packet changes.
import { payloadOffset, TS_PACKET_SIZE } from './packet';

export const PTS_WRAP = 2 ** 33;

/** A 33-bit timestamp written in the 5-byte PES layout (marker bits kept). */
function readStamp(buf: Buffer, b: number): number {
  return ((buf[b]! >> 1) & 0x07) * 2 ** 30 + (buf[b + 1]! << 22) + ((buf[b + 2]! >> 1) << 15) + (buf[b + 3]! << 7) + (buf[b + 4]! >> 1);
}

function writeStamp(buf: Buffer, b: number, value: number): void {
  const v = ((value % PTS_WRAP) + PTS_WRAP) % PTS_WRAP;
  const hi = Math.floor(v / 2 ** 30) & 0x07;
  const lo = v % 2 ** 30;
  // Keep the 4-bit prefix ('0010', '0011' or '0001') and the marker bits as they were.
  buf[b] = (buf[b]! & 0xf1) | (hi << 1) | 0x01;
  buf[b + 1] = (lo >> 22) & 0xff;
  buf[b + 2] = (((lo >> 15) & 0x7f) << 1) | 0x01;
  buf[b + 3] = (lo >> 7) & 0xff;
  buf[b + 4] = ((lo & 0x7f) << 1) | 0x01;
}

export interface PesStamps {
  pts: number | null;
  dts: number | null;
}

/** PTS and DTS of the PES header that starts at `p` (90 kHz), each null when absent. */
export function pesStamps(buf: Buffer, p: number, end: number): PesStamps {
  if (p + 14 > end || buf[p] !== 0 || buf[p + 1] !== 0 || buf[p + 2] !== 1) return { pts: null, dts: null };
  const flags = buf[p + 7]! >> 6;
  const pts = flags & 0x02 ? readStamp(buf, p + 9) : null;
  const dts = flags === 0x03 && p + 19 <= end ? readStamp(buf, p + 14) : null;
  return { pts, dts };
}

/** Applies `map` to the PTS and DTS of the PES header that starts at `p`. */
export function rewritePesStamps(buf: Buffer, p: number, end: number, map: (t: number) => number): void {
  if (p + 14 > end || buf[p] !== 0 || buf[p + 1] !== 0 || buf[p + 2] !== 1) return;
  const flags = buf[p + 7]! >> 6;
  if (flags & 0x02) writeStamp(buf, p + 9, map(readStamp(buf, p + 9)));
  if (flags === 0x03 && p + 19 <= end) writeStamp(buf, p + 14, map(readStamp(buf, p + 14)));
}

/** Offset of the PCR in the packet's adaptation field, or -1. */
function pcrOffset(buf: Buffer, at: number): number {
  const afc = (buf[at + 3]! >> 4) & 0x03;
  if (afc !== 2 && afc !== 3) return -1;
  if (buf[at + 4]! < 7) return -1;
  return buf[at + 5]! & 0x10 ? at + 6 : -1;
}

/** The PCR base (90 kHz part) of a packet, or null. */
export function packetPcr(buf: Buffer, at: number): number | null {
  const o = pcrOffset(buf, at);
  if (o < 0) return null;
  return buf[o]! * 2 ** 25 + (buf[o + 1]! << 17) + (buf[o + 2]! << 9) + (buf[o + 3]! << 1) + (buf[o + 4]! >> 7);
}

/** Applies `map` to the PCR base of a packet (the 27 MHz extension is kept). */
export function rewritePcr(buf: Buffer, at: number, map: (t: number) => number): void {
  const o = pcrOffset(buf, at);
  if (o < 0) return;
  const base = buf[o]! * 2 ** 25 + (buf[o + 1]! << 17) + (buf[o + 2]! << 9) + (buf[o + 3]! << 1) + (buf[o + 4]! >> 7);
  const v = ((map(base) % PTS_WRAP) + PTS_WRAP) % PTS_WRAP;
  buf[o] = Math.floor(v / 2 ** 25) & 0xff;
  buf[o + 1] = Math.floor(v / 2 ** 17) & 0xff;
  buf[o + 2] = Math.floor(v / 2 ** 9) & 0xff;
  buf[o + 3] = Math.floor(v / 2) & 0xff;
  buf[o + 4] = ((v & 1) << 7) | (buf[o + 4]! & 0x7f);
}

/** Forward distance from `from` to `to` on the 33-bit clock (handles one wrap). */
export function ptsDelta(from: number, to: number): number {
  return (((to - from) % PTS_WRAP) + PTS_WRAP) % PTS_WRAP;
}

/** The PES header start of a packet's payload, or -1 (for rewriting). */
export function pesStart(buf: Buffer, at: number): number {
  const p = payloadOffset(buf, at);
  return p >= 0 && p + 9 <= at + TS_PACKET_SIZE ? p : -1;
}
