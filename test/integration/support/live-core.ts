// A stand-in for the core process in the orphan tests: runs a LiveService on one camera and prints
// "FFMPEG <pid>" once live. The test then SIGKILLs this process and watches the ffmpeg.
// Run as: node --import tsx live-core.ts <rtsp-url> <runtimeDir> <deathSignal: 1|0>
import { LiveService } from '../../../src/core/media/live/live-service';

const [url, runtimeDir, death] = process.argv.slice(2);
const live = new LiveService({
  runtimeDir: runtimeDir!,
  ffmpegPath: '/usr/bin/ffmpeg',
  deathSignal: death === '1',
  resolveSource: async () => ({ url: url!, transport: 'tcp' }),
});
live.subscribe('cam', 'main', {
  data() {},
  state(s) {
    if (s.state === 'live') {
      const pid = live.pids()[0]?.pid;
      process.stdout.write(`FFMPEG ${pid}\n`);
    }
  },
});
setInterval(() => {}, 1000);
