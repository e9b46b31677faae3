import { describe, expect, it } from 'vitest';
import { tileStatus } from './tile-status';
import type { TileLiveState } from './live-state';

const live: TileLiveState = { state: 'live', codec: 'h264', sourceCodec: 'h264', transcoded: false, width: 1280, height: 720 };
const frame = (presentedAt: number | null, intervalMs: number | null = 40) => ({ time: presentedAt === null ? null : 1_700_000_000_000, source: 'arrival' as const, presentedAt, intervalMs });

describe('tile status', () => {
  it('is live while frames keep coming, stale with a counting age once they stop', () => {
    expect(tileStatus(live, frame(10_000), 10_900, 'working', true)).toEqual({ kind: 'live' });
    expect(tileStatus(live, frame(10_000), 11_200, 'working', true)).toEqual({ kind: 'stale', seconds: 1 });
    expect(tileStatus(live, frame(10_000), 14_600, 'working', true)).toEqual({ kind: 'stale', seconds: 4 });
  });

  it('waits twice the frame interval of a slow camera before calling it stale', () => {
    expect(tileStatus(live, frame(10_000, 1000), 11_500, 'working', true)).toEqual({ kind: 'live' });
    expect(tileStatus(live, frame(10_000, 1000), 12_100, 'working', true)).toEqual({ kind: 'stale', seconds: 2 });
  });

  it('calls a frozen player restarting stale, not a new fault', () => {
    expect(tileStatus({ state: 'reconnecting', reason: 'player', retryAt: 1 }, frame(10_000), 15_000, 'working', true)).toEqual({ kind: 'stale', seconds: 5 });
    expect(tileStatus({ state: 'reconnecting', reason: 'unreachable', retryAt: 1 }, frame(10_000), 15_000, 'working', true).kind).toBe('reconnecting');
  });

  it('says awaiting repair for a camera the register marks so, unless it is live after all', () => {
    expect(tileStatus({ state: 'reconnecting', reason: 'unreachable', retryAt: 1 }, frame(null), 0, 'awaiting_repair', true)).toEqual({ kind: 'repair' });
    expect(tileStatus(live, frame(0), 10, 'awaiting_repair', true)).toEqual({ kind: 'live' });
  });

  it('leaves a core outage to the wall’s one banner', () => {
    expect(tileStatus({ state: 'reconnecting', reason: 'unreachable', retryAt: 1 }, frame(0), 10, 'working', false)).toEqual({ kind: 'outage' });
  });

  it('names refusals for what they are', () => {
    expect(tileStatus({ state: 'offline', reason: 'no_permission', retryAt: null }, frame(null), 0, 'awaiting_repair', true)).toEqual({ kind: 'no_permission' });
  });
});
