import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { ffmpegCapabilities } from './capabilities';
import { locateFfmpeg } from './locate';
import { probeMedia } from './probe';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-locate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function fakeBinary(dir: string, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

describe('locateFfmpeg', () => {
  it('prefers FFMPEG_PATH and finds ffprobe beside it', () => {
    const dir = mkdtempSync(path.join(tmp, 'env-'));
    const ff = fakeBinary(dir, 'ffmpeg');
    const fp = fakeBinary(dir, 'ffprobe');
    expect(locateFfmpeg({ env: { FFMPEG_PATH: ff, PATH: '' } })).toEqual({ ffmpegPath: ff, ffprobePath: fp, source: 'env' });
  });

  it('refuses an FFMPEG_PATH that points nowhere instead of silently using another ffmpeg', () => {
    expect(() => locateFfmpeg({ env: { FFMPEG_PATH: path.join(tmp, 'nope'), PATH: '/usr/bin' } })).toThrow(/ffmpeg_missing/);
  });

  it('falls back to PATH, then to the npm package', () => {
    const dir = mkdtempSync(path.join(tmp, 'path-'));
    const ff = fakeBinary(dir, 'ffmpeg');
    expect(locateFfmpeg({ env: { PATH: dir } }).ffmpegPath).toBe(ff);
    const npm = locateFfmpeg({ env: { PATH: '' }, npmBinary: () => ff });
    expect(npm.source).toBe('npm');
  });

  it('says ffmpeg_missing when there is none at all', () => {
    try {
      locateFfmpeg({ env: { PATH: '' }, npmBinary: () => null });
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err) && err.code).toBe('ffmpeg_missing');
    }
  });

  it('finds the installed npm binary', () => {
    const found = locateFfmpeg({ env: { PATH: '' } });
    expect(found.source).toBe('npm');
    expect(found.ffmpegPath).toMatch(/@ffmpeg-installer/);
  });
});

describe('ffmpegCapabilities', () => {
  it('knows the RTSP socket timeout option of old and new ffmpeg', async () => {
    expect((await ffmpegCapabilities('/usr/bin/ffmpeg')).rtspSocketTimeout).toBe('timeout');
    const npm = locateFfmpeg({ env: { PATH: '' } }).ffmpegPath;
    expect((await ffmpegCapabilities(npm)).rtspSocketTimeout).toBe('stimeout');
  });
});

describe('probeMedia', () => {
  it('reads codec and size through ffprobe', async () => {
    const { makeTs } = await import('../testing/make-ts');
    const file = path.join(tmp, 'clip.ts');
    writeFileSync(file, makeTs({ seconds: 1, size: '320x240' }));
    const r = await probeMedia(file, { ffprobePath: '/usr/bin/ffprobe' });
    expect(r.video).toMatchObject({ codec: 'h264', width: 320, height: 240, fps: 25 });
  });
});
