// Frame time as the renderer's work per frame, read from Chromium's own trace.
// Why not the gap between requestAnimationFrame callbacks: at 60 Hz that gap is 16.7 ms when
// nothing is wrong, so a 16 ms budget could never be met by it, and on a shared 2-core machine it
// also counts the time other processes held the CPU. Here a frame's work is everything the page's
// main thread ran between one frame's start (BeginMainFrame) and the next: event handlers, React's
// render, style, layout, paint and commit. Raster and compositing run on other threads (reported
// beside it as totals). The rAF gaps are kept as well, as the share of frames that missed vsync.
import type { CDPSession, Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

export interface FrameWork {
  /** Main-thread work per frame, ms (wall time: what the officer waits for). */
  perFrame: number[];
  /** The same, CPU time of the main thread only, ms. */
  perFrameCpu: number[];
  /** Work on the raster and compositor threads over the whole recording, ms. */
  rasterMs: number;
  compositorMs: number;
}

export async function recordFrameWork<T>(page: Page, run: () => Promise<T>, keep?: (events: TraceEvent[]) => void): Promise<{ result: T; work: FrameWork }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel,cc,viz', transferMode: 'ReportEvents' });
  let result: T;
  try {
    result = await run();
  } finally {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }
  keep?.(events);
  return { result, work: frameWork(events) };
}

export function frameWork(events: TraceEvent[]): FrameWork {
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent) => threads.get(`${e.pid}:${e.tid}`) ?? '';
  const frames = events.filter((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  // The page's main thread is the one that begins its frames.
  const main = frames[0] ? `${frames[0].pid}:${frames[0].tid}` : '';
  const tasks = events
    .filter((e) => e.ph === 'X' && e.dur && e.name === 'ThreadControllerImpl::RunTask' && `${e.pid}:${e.tid}` === main)
    .sort((a, b) => a.ts - b.ts);
  const perFrame: number[] = [];
  // The same tasks' CPU time: what the page asked of its thread, without the time the thread
  // waited for a core (on a shared two-core machine, Chromium's own raster and compositor threads).
  const perFrameCpu: number[] = [];
  let t = 0;
  for (let i = 0; i + 1 < frames.length; i++) {
    const [from, to] = [frames[i]!.ts, frames[i + 1]!.ts];
    let busy = 0;
    let cpu = 0;
    while (t < tasks.length && tasks[t]!.ts < to) {
      if (tasks[t]!.ts >= from) {
        busy += tasks[t]!.dur!;
        cpu += tasks[t]!.tdur ?? tasks[t]!.dur!;
      }
      t++;
    }
    perFrame.push(busy / 1000);
    perFrameCpu.push(cpu / 1000);
  }
  const sum = (pred: (e: TraceEvent) => boolean) => events.filter((e) => e.ph === 'X' && e.dur && pred(e)).reduce((s, e) => s + e.dur! / 1000, 0);
  return {
    perFrame,
    perFrameCpu,
    rasterMs: Math.round(sum((e) => e.name === 'RasterTask')),
    compositorMs: Math.round(sum((e) => e.name === 'Display::DrawAndSwap' && thread(e) === 'VizCompositorThread')),
  };
}
