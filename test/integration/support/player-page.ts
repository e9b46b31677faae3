// Bundled into the test page of live-player-browser.test.ts: exposes the player to the test.
import { createLivePlayer, type LivePlayer, type PlayerState, type PlayerStats } from '../../../src/renderer/video/live-player';

interface TestWindow {
  states: PlayerState[];
  stats: PlayerStats[];
  player: LivePlayer | null;
  video: HTMLVideoElement | null;
  startPlayer(url: string, stallMs?: number): void;
  stopPlayer(): void;
  frames(): number;
}

const w = window as unknown as TestWindow;
w.states = [];
w.stats = [];
w.player = null;
w.video = null;
w.startPlayer = (url, stallMs) => {
  const video = document.createElement('video');
  video.width = 320;
  document.body.append(video);
  w.video = video;
  w.player = createLivePlayer(video, { url, stallMs, onState: (s) => w.states.push(s), onStats: (s) => w.stats.push(s) });
};
w.stopPlayer = () => {
  w.player?.dispose();
  w.player = null;
};
w.frames = () => w.video?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
