// Live video: the service, the video socket and the shapes they speak.
export { LiveService, type LiveSampleEvent, type LiveServiceOptions, type LiveStateEvent } from './live-service';
export { attachVideoSocket, type VideoSocketOptions, type VideoSocketParams } from './video-socket';
export { reasonErrorCode } from './types';
export type { LiveSource, LiveState, LiveStateName, LiveStats, LiveSubscriber, OfflineReason, StreamKind } from './types';
export type { VideoTextFrame } from './video-socket';
