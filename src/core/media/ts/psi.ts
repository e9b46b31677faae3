// PAT and PMT sections (ISO/IEC 13818-1 §2.4.4). ffmpeg and cameras put each in one packet, so we
// parse sections that fit in the packet where they start and ignore the rare multi-packet ones
// (a PMT with many descriptors); the parser then simply keeps the previous values.
import { payloadOffset, TS_PACKET_SIZE } from './packet';

export type VideoCodec = 'h264' | 'h265' | 'mpeg2' | 'mpeg4' | 'unknown';

export interface PmtInfo {
  videoPid: number | null;
  videoCodec: VideoCodec | null;
  audioPids: number[];
}

function sectionStart(buf: Buffer, at: number): number {
  const p = payloadOffset(buf, at);
  if (p < 0) return -1;
  const start = p + 1 + buf[p]!; // pointer_field
  return start < at + TS_PACKET_SIZE ? start : -1;
}

/** Returns the PMT pid of the first program, or null when the section is not a usable PAT. */
export function parsePat(buf: Buffer, at: number): number | null {
  const s = sectionStart(buf, at);
  if (s < 0 || buf[s] !== 0x00) return null;
  const sectionLength = ((buf[s + 1]! & 0x0f) << 8) | buf[s + 2]!;
  const end = Math.min(s + 3 + sectionLength - 4, at + TS_PACKET_SIZE); // minus CRC
  for (let i = s + 8; i + 4 <= end; i += 4) {
    const program = (buf[i]! << 8) | buf[i + 1]!;
    if (program !== 0) return ((buf[i + 2]! & 0x1f) << 8) | buf[i + 3]!;
  }
  return null;
}

function codecOf(streamType: number): VideoCodec | 'audio' | null {
  switch (streamType) {
    case 0x1b:
      return 'h264';
    case 0x24:
      return 'h265';
    case 0x01:
    case 0x02:
      return 'mpeg2';
    case 0x10:
      return 'mpeg4';
    case 0x03:
    case 0x04:
    case 0x0f:
    case 0x11:
    case 0x81:
      return 'audio';
    default:
      return null;
  }
}

export function parsePmt(buf: Buffer, at: number): PmtInfo | null {
  const s = sectionStart(buf, at);
  if (s < 0 || buf[s] !== 0x02) return null;
  const sectionLength = ((buf[s + 1]! & 0x0f) << 8) | buf[s + 2]!;
  const end = Math.min(s + 3 + sectionLength - 4, at + TS_PACKET_SIZE);
  const programInfoLength = ((buf[s + 10]! & 0x0f) << 8) | buf[s + 11]!;
  const info: PmtInfo = { videoPid: null, videoCodec: null, audioPids: [] };
  for (let i = s + 12 + programInfoLength; i + 5 <= end;) {
    const type = buf[i]!;
    const pid = ((buf[i + 1]! & 0x1f) << 8) | buf[i + 2]!;
    const esInfoLength = ((buf[i + 3]! & 0x0f) << 8) | buf[i + 4]!;
    const kind = codecOf(type);
    if (kind === 'audio') info.audioPids.push(pid);
    else if (kind && info.videoPid === null) {
      info.videoPid = pid;
      info.videoCodec = kind;
    }
    i += 5 + esInfoLength;
  }
  return info;
}
