import { describe, expect, it } from 'vitest';
import { checksumsText, instant, localIso, parseChecksums, safeName, stamp } from './package-format';

describe('the evidence package format', () => {
  it('writes instants in UTC and on the console zone’s clock with its offset', () => {
    const ms = Date.UTC(2025, 2, 3, 0, 30, 5, 120);
    expect(instant(ms, 'Asia/Ho_Chi_Minh')).toEqual({ utc: '2025-03-03T00:30:05.120Z', local: '2025-03-03T07:30:05.120+07:00' });
    expect(localIso(ms, 'UTC')).toBe('2025-03-03T00:30:05.120+00:00');
    expect(localIso(Date.UTC(2025, 6, 1, 12), 'America/New_York')).toBe('2025-07-01T08:00:00.000-04:00');
    expect(stamp(ms, 'Asia/Ho_Chi_Minh')).toBe('20250303-073005');
  });

  it('writes SHA256SUMS as sha256sum does (two spaces, sorted, LF) and reads it back', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const text = checksumsText([
      { name: 'video/02_x.mp4', sha256: b },
      { name: 'README.txt', sha256: a },
    ]);
    expect(text).toBe(`${a}  README.txt\n${b}  video/02_x.mp4\n`);
    expect(parseChecksums(text)).toEqual(new Map([['README.txt', a], ['video/02_x.mp4', b]]));
  });

  it('makes names safe on any file system, FAT32 included, without losing the words', () => {
    expect(safeName('Ngã tư Lê Lợi / Đinh Tiên Hoàng')).toBe('Nga-tu-Le-Loi-Dinh-Tien-Hoang');
    expect(safeName('VV-2025/0142')).toBe('VV-2025-0142');
    expect(safeName('???')).toBe('x');
  });
});
