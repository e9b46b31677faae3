// MPEG-TS packet fields (ISO/IEC 13818-1 §2.4.3). Every function takes a buffer and the offset of a
// 188-byte packet inside it, so the parser walks aligned blocks without slicing per packet.
export const TS_PACKET_SIZE = 188;
export const TS_SYNC_BYTE = 0x47;
export const PAT_PID = 0x0000;

export function packetPid(buf: Buffer, at: number): number {
  return ((buf[at + 1]! & 0x1f) << 8) | buf[at + 2]!;
}

/** payload_unit_start_indicator: a PES packet or PSI section starts in this packet. */
export function payloadUnitStart(buf: Buffer, at: number): boolean {
  return (buf[at + 1]! & 0x40) !== 0;
}

function adaptationControl(buf: Buffer, at: number): number {
  return (buf[at + 3]! >> 4) & 0x03;
}

/** random_access_indicator of the adaptation field; ffmpeg's muxer sets it on video keyframes. */
export function randomAccess(buf: Buffer, at: number): boolean {
  const afc = adaptationControl(buf, at);
  if (afc !== 2 && afc !== 3) return false;
  const afLength = buf[at + 4]!;
  return afLength > 0 && (buf[at + 5]! & 0x40) !== 0;
}

/** Offset of the payload inside the buffer, or -1 when the packet carries none. */
export function payloadOffset(buf: Buffer, at: number): number {
  const afc = adaptationControl(buf, at);
  if (afc === 1) return at + 4;
  if (afc === 3) {
    const start = at + 5 + buf[at + 4]!;
    return start < at + TS_PACKET_SIZE ? start : -1;
  }
  return -1;
}
