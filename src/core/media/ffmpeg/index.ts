// The ffmpeg library of the core: where the binaries are, what they can do, and stream metadata.
export { locateFfmpeg, type FfmpegLocation, type LocateOptions } from './locate';
export { ffmpegCapabilities, type FfmpegCapabilities } from './capabilities';
export { probeMedia, type ProbeResult, type ProbedVideo, type ProbeOptions } from './probe';
