// Walks an MPEG-TS byte stream: keeps packets aligned, follows PAT → PMT to find the video pid and
// codec, remembers the newest PAT and PMT packets, and splits the stream into segments so that
// every keyframe starts a new segment. The live hub builds its GOP cache and its
// drop-to-keyframe logic for slow viewers on those segments.
import { TsAligner } from './aligner';
import { containsKeyNal, pesDts, pesPayloadStart, pesPts } from './nal';
import { packetPid, PAT_PID, payloadOffset, payloadUnitStart, randomAccess, TS_PACKET_SIZE } from './packet';
import { parsePat, parsePmt, type VideoCodec } from './psi';
import { SplitKeyframes } from './split-keyframes';

export interface TsSegment {
  /** Whole packets; shares memory with the input where possible. */
  buf: Buffer;
  /** The segment starts with the first packet of a keyframe's PES. */
  keyframe: boolean;
  /** A keyframe segment's PTS and DTS (90 kHz), when its PES header carries them. */
  pts?: number | null;
  dts?: number | null;
}

export interface TsParseResult {
  segments: TsSegment[];
  /** Video access units (PES starts on the video pid) that began in this input. */
  frames: number;
  keyframes: number;
}

function segment(buf: Buffer, keyframe: boolean, pts: number | null, dts: number | null): TsSegment {
  return keyframe ? { buf, keyframe, pts, dts } : { buf, keyframe };
}

export class TsStreamParser {
  private readonly aligner = new TsAligner();
  private pmtPid: number | null = null;
  videoPid: number | null = null;
  videoCodec: VideoCodec | null = null;
  /** Copies of the newest PAT and PMT packets: a new viewer needs them before anything else. */
  pat: Buffer | null = null;
  pmt: Buffer | null = null;
  private lastKeyPts: number | null = null;
  /** Rewrites keyframes split across PES into one PES (see split-keyframes.ts). */
  readonly splits = new SplitKeyframes();

  push(chunk: Buffer): TsParseResult {
    const buf = this.aligner.push(chunk);
    const result: TsParseResult = { segments: [], frames: 0, keyframes: 0 };
    let segStart = 0;
    let segKey = false;
    let segPts: number | null = null;
    let segDts: number | null = null;
    for (let at = 0; at < buf.length; at += TS_PACKET_SIZE) {
      const pid = packetPid(buf, at);
      if (pid === PAT_PID) {
        const pmtPid = parsePat(buf, at);
        if (pmtPid !== null) {
          this.pmtPid = pmtPid;
          this.pat = Buffer.from(buf.subarray(at, at + TS_PACKET_SIZE));
        }
      } else if (pid === this.pmtPid) {
        const pmt = parsePmt(buf, at);
        if (pmt) {
          this.videoPid = pmt.videoPid;
          this.videoCodec = pmt.videoCodec;
          this.pmt = Buffer.from(buf.subarray(at, at + TS_PACKET_SIZE));
        }
      } else if (pid === this.videoPid && payloadUnitStart(buf, at)) {
        const p = payloadOffset(buf, at);
        const split = p >= 0 && this.videoCodec === 'h264' ? this.splits.onPesStart(buf, at, p, this.isKeyframe(buf, at)) : 'frame';
        // The rest of a split keyframe, now part of the keyframe's PES: not a frame of its own.
        if (split === 'merged') continue;
        result.frames++;
        // A part that could not be merged never starts a GOP (a joiner would start mid-frame).
        if (split === 'frame' && this.isKeyframe(buf, at) && !this.sameKeyframe(buf, at)) {
          result.keyframes++;
          if (at > segStart) result.segments.push(segment(buf.subarray(segStart, at), segKey, segPts, segDts));
          segStart = at;
          segKey = true;
          segPts = p < 0 ? null : pesPts(buf, p, at + TS_PACKET_SIZE);
          segDts = p < 0 ? null : pesDts(buf, p, at + TS_PACKET_SIZE);
        }
      }
    }
    if (buf.length > segStart) result.segments.push(segment(buf.subarray(segStart), segKey, segPts, segDts));
    return result;
  }

  /** Forget everything, e.g. when ffmpeg restarts and pids may change. */
  reset(): void {
    this.aligner.reset();
    this.pmtPid = this.videoPid = null;
    this.videoCodec = null;
    this.pat = this.pmt = null;
    this.lastKeyPts = null;
    this.splits.seen = false;
  }

  /**
   * Some sources split one keyframe into several PES with (almost) the same PTS — e.g. SPS/PPS
   * repeated before every slice of a multi-slice IDR, which ffmpeg's parser reads as new access
   * units. A GOP must start at the first of them, so later ones within 2 ticks do not count.
   */
  private sameKeyframe(buf: Buffer, at: number): boolean {
    const p = payloadOffset(buf, at);
    const pts = p < 0 ? null : pesPts(buf, p, at + TS_PACKET_SIZE);
    const same = pts !== null && this.lastKeyPts !== null && Math.abs(pts - this.lastKeyPts) <= 2;
    if (pts !== null) this.lastKeyPts = pts;
    return same;
  }

  private isKeyframe(buf: Buffer, at: number): boolean {
    if (randomAccess(buf, at)) return true;
    const p = payloadOffset(buf, at);
    if (p < 0 || !this.videoCodec) return false;
    const end = at + TS_PACKET_SIZE;
    const es = pesPayloadStart(buf, p, end);
    return es >= 0 && containsKeyNal(this.videoCodec, buf, es, end);
  }
}
