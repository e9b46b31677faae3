// Cold start (issue: "skip ffmpeg's probing where the SDP already says the codec"): the relay's
// command line probes only when the codec is not known beforehand.
import { describe, expect, it } from 'vitest';
import { relayArgs } from './ffmpeg-args';

const source = { url: 'rtsp://192.0.2.10/Streaming/Channels/101', transport: 'tcp' as const };
const after = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

describe('relay probing', () => {
  it('skips probing for a known codec that is copied', () => {
    const argv = relayArgs({ source, mode: 'copy', timeoutOption: 'timeout', socketTimeoutMs: 5000, codecKnown: true });
    expect([after(argv, '-analyzeduration'), after(argv, '-probesize')]).toEqual(['0', '32']);
    expect(argv.indexOf('-probesize')).toBeLessThan(argv.indexOf('-i'));
  });

  it('keeps a short probe when the codec is unknown, or when transcoding needs the decoder set up', () => {
    for (const o of [{ mode: 'copy' as const, codecKnown: false }, { mode: 'transcode' as const, codecKnown: true }]) {
      const argv = relayArgs({ source, timeoutOption: 'timeout', socketTimeoutMs: 5000, ...o });
      expect([after(argv, '-analyzeduration'), after(argv, '-probesize')]).toEqual(['100000', '100000']);
    }
  });
});
