// MPEG-TS library: alignment, PSI, keyframes and the GOP cache. No I/O, no knowledge of cameras.
export { TsAligner } from './aligner';
export { GopCache, DEFAULT_GOP_CACHE_BYTES } from './gop-cache';
export { TS_PACKET_SIZE } from './packet';
export { parsePat, parsePmt, type PmtInfo, type VideoCodec } from './psi';
export { TsStreamParser, type TsParseResult, type TsSegment } from './ts-parser';
