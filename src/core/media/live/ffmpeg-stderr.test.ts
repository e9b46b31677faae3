import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyExit, FfmpegStderr } from './ffmpeg-stderr';

describe('FfmpegStderr', () => {
  it('reads the input codec and the output size from ffmpeg 5 style lines split across chunks', () => {
    const seen: string[] = [];
    const s = new FfmpegStderr((i) => seen.push(i.codec));
    s.push("Input #0, rtsp, from 'rtsp://admin:secret@10.0.0.5/main':\n  Stream #0:0: Vid");
    s.push('eo: hevc (Main), yuv420p(tv, progressive), 1920x1080, 25 fps, 25 tbr, 90k tbn\n');
    s.push("Output #0, mpegts, to 'pipe:1':\n  Stream #0:0: Video: h264 (High), yuv420p(progressive), 1280x720, q=2-31, 25 fps\n");
    expect(seen).toEqual(['hevc']);
    expect(s.input).toEqual({ codec: 'hevc', width: 1920, height: 1080 });
    expect(s.output).toEqual({ codec: 'h264', width: 1280, height: 720 });
    expect(s.tail()).not.toContain('secret');
  });

  it('keeps what went wrong, not progress lines, in the tail', () => {
    const s = new FfmpegStderr();
    s.push("Input #0, rtsp, from 'x':\n  Stream #0:0: Video: h264, 640x360, 25 fps\n");
    s.push('[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\nframe=   34 fps= 11 q=-1.0 Lsize=31kB\nvideo:22kB audio:0kB\n');
    expect(s.tail(2)).toBe('[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized');
  });

  it('judges an exit by what ffmpeg said after it began streaming, not by its warnings while opening', () => {
    const opening = [
      '[rtsp @ 0x55d7b801dcc0] Stream #0: not enough frames to estimate rate; consider increasing probesize',
      '[rtsp @ 0x55d7b801dcc0] Could not find codec parameters for stream 0 (Video: h264, none): unspecified size',
      "Consider increasing the value for the 'analyzeduration' (100000) and 'probesize' (100000) options",
      "Input #0, rtsp, from 'rtsp://admin:secret@10.0.0.5/Streaming/Channels/101':",
      '  Stream #0:0: Video: h264, none, 90k tbr, 90k tbn',
      "Output #0, mpegts, to 'pipe:1':",
      '  Stream #0:0: Video: h264, none, q=2-31, 90k tbr, 90k tbn',
      'Stream mapping:',
      '  Stream #0:0 -> #0:0 (copy)',
      'Press [q] to stop, [?] for help',
    ];
    const ended = new FfmpegStderr();
    ended.push(opening.join('\n') + '\nframe=  312 fps= 25 q=-1.0 Lsize=  1234kB time=00:00:12.44\n');
    expect(classifyExit(ended.exitLines(), 0)).toBe('ended');
    expect(ended.tail(3)).toBe('');
    const lost = new FfmpegStderr();
    lost.push(opening.join('\n') + '\n[rtsp @ 0x1] rtsp://admin:secret@10.0.0.5/x: Operation timed out\n');
    expect(classifyExit(lost.exitLines(), 1)).toBe('timeout');
    expect(lost.tail(1)).not.toContain('secret');
    // Before it streamed, the same warning is the reason: the camera's stream could not be read.
    const never = new FfmpegStderr();
    never.push(opening.slice(0, 3).join('\n') + '\n');
    expect(classifyExit(never.exitLines(), 1)).toBe('unsupported_codec');
  });

  it('reads ffmpeg 4 lines with stream ids', () => {
    const s = new FfmpegStderr();
    s.push('Input #0, rtsp\n    Stream #0:0[0x100](und): Video: mjpeg (Baseline), yuvj420p(pc), 640x360 [SAR 1:1 DAR 16:9], 25 tbr\n');
    expect(s.input).toEqual({ codec: 'mjpeg', width: 640, height: 360 });
  });
});

describe('classifyExit', () => {
  const cases: Array<[string, number | null, string]> = [
    ['[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized', 1, 'auth_failed'],
    ['[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found', 1, 'stream_not_found'],
    ['[tcp @ 0x1] Connection to tcp://127.0.0.1:1 failed: Connection refused', 1, 'unreachable'],
    ['[tcp @ 0x1] Failed to resolve hostname nope.invalid: Name or service not known', 1, 'unreachable'],
    ['rtsp://x: Operation timed out', 1, 'timeout'],
    ['rtsp://x: Invalid data found when processing input', 1, 'bad_response'],
    ['', 0, 'ended'],
    ['', 255, 'crashed'],
  ];
  it.each(cases)('%s → %s', (line, code, reason) => {
    expect(classifyExit([line], code)).toBe(reason);
  });
});

describe('FfmpegStderr with any output', () => {
  // Whatever a camera makes ffmpeg print (the lines come from the camera's answers), in any chunks.
  const line = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      'Stream mapping:',
      'Press [q] to stop, [?] for help',
      'Could not find codec parameters for stream 0',
      '  Stream #0:0: Video: h264, 1x1',
    ),
    // Credentials as the relay puts them into the URL (URL's password setter).
    fc.string({ maxLength: 20 }).map((w) => {
      const u = new URL('rtsp://10.0.0.5/a');
      u.username = 'admin';
      u.password = `${w}x`;
      return `${u.href}: Connection refused`;
    }),
  );
  it('never throws; the exit lines are the last lines, and all of them once ffmpeg began streaming', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 120 }), fc.array(fc.nat({ max: 300 }), { maxLength: 10 }), (lines, cuts) => {
        const text = lines.join('\n') + '\n';
        const s = new FfmpegStderr();
        let at = 0;
        for (const c of [...cuts].sort((a, b) => a - b)) {
          s.push(text.slice(at, Math.max(at, c)));
          at = Math.max(at, c);
        }
        s.push(text.slice(at));
        const exit = s.exitLines();
        expect(s.lines.slice(s.lines.length - exit.length)).toEqual(exit);
        const kept = s.lines;
        const lastStart = kept.findLastIndex((l) => /^Press \[q\]|^Stream mapping:/.test(l));
        if (lastStart >= 0) expect(exit).toEqual(kept.slice(lastStart + 1));
        expect(s.tail(5)).not.toMatch(/admin:[^*]/);
        expect(() => classifyExit(exit, null)).not.toThrow();
      }),
    );
  });
});
