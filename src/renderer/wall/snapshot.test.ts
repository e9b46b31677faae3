import { describe, expect, it } from 'vitest';
import { fileSafe, fileStamp } from './snapshot';

describe('snapshot file names', () => {
  it('say the time in the console’s zone with its offset, never a bare UTC time', () => {
    const at = Date.UTC(2025, 2, 1, 7, 23, 5);
    expect(fileStamp(at, 'Asia/Ho_Chi_Minh')).toBe('20250301T142305+0700');
    expect(fileStamp(at, 'UTC')).toBe('20250301T072305+0000');
    expect(fileStamp(at, 'America/Sao_Paulo')).toBe('20250301T042305-0300');
  });
  it('spell the camera without diacritics', () => {
    expect(fileSafe('Ngã tư Lê Lợi – Đồng Khởi')).toBe('Nga-tu-Le-Loi-Dong-Khoi');
  });
});
