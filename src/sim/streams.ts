// Stream formats and RTSP paths of the lab's cameras. Mirrors STREAM_PARAMS in
// src/sim/rtsp/sim_clips.py (the encoder side); keep both in step.
import type { StreamName, VideoCodec } from './types';

export interface StreamFormat {
  width: number;
  height: number;
  fps: number;
  kbps: number;
}

export const STREAM_FORMATS: Record<VideoCodec, Record<StreamName, StreamFormat>> = {
  h264: { main: { width: 1280, height: 720, fps: 25, kbps: 2000 }, sub: { width: 640, height: 360, fps: 25, kbps: 512 } },
  h265: { main: { width: 1280, height: 720, fps: 25, kbps: 1500 }, sub: { width: 640, height: 360, fps: 25, kbps: 400 } },
  // JPEG has no bitrate setting; these are about what the clips measure.
  mjpeg: { main: { width: 640, height: 360, fps: 25, kbps: 5500 }, sub: { width: 320, height: 180, fps: 25, kbps: 2100 } },
};

/** Hikvision-style paths, which most NVRs and clients already know. */
export const RTSP_PATHS: Record<StreamName, string> = {
  main: '/Streaming/Channels/101',
  sub: '/Streaming/Channels/102',
};
