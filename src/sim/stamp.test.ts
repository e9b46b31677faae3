// The stamp decoder on synthetic frames (the RTSP test decodes real ones grabbed by ffmpeg).
import { describe, expect, it } from 'vitest';
import { decodeStamp, STAMP_FIRST_COL, STAMP_GRID_COLS, STAMP_GRID_ROWS, STAMP_ROW, stampBits } from './stamp';

function frame(width: number, height: number, ms: number, flip?: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4).fill(90);
  const uw = width / STAMP_GRID_COLS;
  const uh = height / STAMP_GRID_ROWS;
  stampBits(ms).forEach((bit, i) => {
    const b = i === flip ? 1 - bit : bit;
    for (let y = Math.round(STAMP_ROW * uh); y < Math.round((STAMP_ROW + 1) * uh); y++)
      for (let x = Math.round((STAMP_FIRST_COL + i) * uw); x < Math.round((STAMP_FIRST_COL + i + 1) * uw); x++)
        rgba.fill(b ? 235 : 16, (y * width + x) * 4, (y * width + x) * 4 + 3);
  });
  return rgba;
}

describe('decodeStamp', () => {
  it('reads the milliseconds back at main and sub resolution', () => {
    const ms = 1_795_461_325_886;
    expect(decodeStamp(frame(1280, 720, ms), 1280, 720)).toBe(ms);
    expect(decodeStamp(frame(640, 360, ms), 640, 360)).toBe(ms);
    expect(decodeStamp(frame(1920, 1080, 0), 1920, 1080)).toBe(0);
  });

  it('rejects a frame whose check byte disagrees, and frames without a stamp', () => {
    expect(decodeStamp(frame(1280, 720, 123_456_789, 20), 1280, 720)).toBeNull();
    expect(decodeStamp(new Uint8ClampedArray(1280 * 720 * 4), 1280, 720)).toBeNull();
    expect(decodeStamp(new Uint8ClampedArray(16), 2, 2)).toBeNull();
  });

  it('lays out 2 + 48 + 8 + 2 blocks', () => {
    const bits = stampBits(0xffffffffffff);
    expect(bits).toHaveLength(60);
    expect(bits.slice(0, 2)).toEqual([1, 0]);
    expect(bits.slice(-2)).toEqual([0, 1]);
  });
});
