/**
 * Reads the camera lab's latency stamp out of a decoded frame (pure: no Node, no DOM), so the
 * browser page can read it from a canvas and benchmarks from ffmpeg's raw output, and compute
 * glass-to-glass latency as `Date.now() - decodeStamp(...)`.
 *
 * Layout (drawn by src/sim/rtsp/sim_stamp.py; keep both in step):
 * - The frame is a grid of 80 x 45 units: 16 px at 1280x720, 8 px at 640x360 (blocks stay on the
 *   encoder's macroblock grid, so compression barely blurs them).
 * - Grid row 1 (y from 1u to 2u), columns 1..60, one block per unit:
 *   `[white, black]` reference levels | 48 data bits = Date.now() in ms, most significant first |
 *   8 check bits = XOR of the 6 data bytes | `[black, white]` end marker. White = 1, black = 0.
 * - The value is the host clock at capture (not the camera's skewed OSD clock beside it).
 * A reader samples the middle half of each block, thresholds halfway between the two reference
 * blocks, and accepts only when the contrast, end marker and check byte all agree.
 */

export const STAMP_GRID_COLS = 80;
export const STAMP_GRID_ROWS = 45;
export const STAMP_ROW = 1;
export const STAMP_FIRST_COL = 1;
export const STAMP_DATA_BITS = 48;
export const STAMP_BLOCKS = 2 + STAMP_DATA_BITS + 8 + 2;

const MIN_CONTRAST = 60;

/** Mean luma-ish brightness of the middle half of one block (RGBA input). */
function blockLevel(rgba: Uint8ClampedArray, width: number, height: number, col: number): number {
  const unitW = width / STAMP_GRID_COLS;
  const unitH = height / STAMP_GRID_ROWS;
  const x0 = Math.floor((col + 0.25) * unitW);
  const x1 = Math.max(x0 + 1, Math.floor((col + 0.75) * unitW));
  const y0 = Math.floor((STAMP_ROW + 0.25) * unitH);
  const y1 = Math.max(y0 + 1, Math.floor((STAMP_ROW + 0.75) * unitH));
  let sum = 0;
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      sum += (rgba[i]! + rgba[i + 1]! + rgba[i + 2]!) / 3;
      count++;
    }
  }
  return count ? sum / count : 0;
}

/** The stamp's milliseconds, or null when the frame carries no valid stamp. */
export function decodeStamp(rgba: Uint8ClampedArray, width: number, height: number): number | null {
  if (width < STAMP_GRID_COLS * 4 || height < STAMP_GRID_ROWS * 4) return null;
  if (rgba.length < width * height * 4) return null;
  const col = (i: number): number => blockLevel(rgba, width, height, STAMP_FIRST_COL + i);
  const white = col(0);
  const black = col(1);
  if (white - black < MIN_CONTRAST) return null;
  const threshold = (white + black) / 2;
  const bit = (i: number): number => (col(i) > threshold ? 1 : 0);
  if (bit(STAMP_BLOCKS - 2) !== 0 || bit(STAMP_BLOCKS - 1) !== 1) return null;

  let value = 0;
  for (let i = 0; i < STAMP_DATA_BITS; i++) value = value * 2 + bit(2 + i);
  let check = 0;
  for (let i = 0; i < 8; i++) check = check * 2 + bit(2 + STAMP_DATA_BITS + i);

  // 48 bits exceed the 32-bit bitwise operators: split into bytes with arithmetic.
  let xor = 0;
  let rest = value;
  for (let b = 0; b < STAMP_DATA_BITS / 8; b++) {
    xor ^= rest % 256;
    rest = Math.floor(rest / 256);
  }
  return xor === check ? value : null;
}

/** Builds the reference bit pattern for a value (tests, and readers that want to self-check). */
export function stampBits(ms: number): number[] {
  const bits: number[] = [1, 0];
  let xor = 0;
  let rest = Math.floor(ms);
  const data: number[] = [];
  for (let i = 0; i < STAMP_DATA_BITS; i++) {
    data.unshift(rest % 2);
    rest = Math.floor(rest / 2);
  }
  for (let b = 0; b < STAMP_DATA_BITS / 8; b++) {
    let byte = 0;
    for (let i = 0; i < 8; i++) byte = byte * 2 + data[b * 8 + i]!;
    xor ^= byte;
  }
  bits.push(...data);
  for (let i = 7; i >= 0; i--) bits.push((xor >> i) & 1);
  bits.push(0, 1);
  return bits;
}
