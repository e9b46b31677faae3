// Finds every video frame in an MPEG-TS byte stream: its byte offset, PTS/DTS and whether it is a
// keyframe. The recorder indexes keyframes with it as it writes, reconcile rescans files a crash
// left unindexed, playback and export cut on frame boundaries. Input must be whole, aligned packets
// (TsAligner); offsets are counted from the first byte ever given.
import { containsKeyNal, pesPayloadStart } from './nal';
import { packetPid, PAT_PID, payloadOffset, payloadUnitStart, randomAccess, TS_PACKET_SIZE } from './packet';
import { pesStamps } from './pes';
import { parsePat, parsePmt, type VideoCodec } from './psi';

export interface TsFrame {
  /** Byte offset of the frame's first TS packet. */
  offset: number;
  pts: number | null;
  dts: number | null;
  keyframe: boolean;
}

export class TsFrameScanner {
  private pmtPid: number | null = null;
  videoPid: number | null = null;
  videoCodec: VideoCodec | null = null;
  pat: Buffer | null = null;
  pmt: Buffer | null = null;
  /** Bytes seen so far: the offset of the next packet given. */
  position = 0;
  private lastKeyPts: number | null = null;

  /** Scans whole packets; calls `onFrame` for each video PES that starts in them, in order. */
  scan(buf: Buffer, onFrame: (f: TsFrame) => void): void {
    for (let at = 0; at + TS_PACKET_SIZE <= buf.length; at += TS_PACKET_SIZE) {
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
        const { pts, dts } = p < 0 ? { pts: null, dts: null } : pesStamps(buf, p, at + TS_PACKET_SIZE);
        let keyframe = this.isKeyframe(buf, at, p);
        // One keyframe split into several PES with the same PTS (multi-slice IDR): the first counts.
        if (keyframe && pts !== null && this.lastKeyPts !== null && Math.abs(pts - this.lastKeyPts) <= 2) keyframe = false;
        if (keyframe && pts !== null) this.lastKeyPts = pts;
        onFrame({ offset: this.position + at, pts, dts, keyframe });
      }
    }
    this.position += buf.length - (buf.length % TS_PACKET_SIZE);
  }

  private isKeyframe(buf: Buffer, at: number, p: number): boolean {
    if (randomAccess(buf, at)) return true;
    if (p < 0 || !this.videoCodec) return false;
    const end = at + TS_PACKET_SIZE;
    const es = pesPayloadStart(buf, p, end);
    return es >= 0 && containsKeyNal(this.videoCodec, buf, es, end);
  }
}
