// Tours switch to a view whose cameras may not be running: each tile would wait for ffmpeg to
// start and for a keyframe (seconds of black). So a few seconds before the switch we open the next
// step's video sockets and throw the bytes away: the relays start and their GOP caches fill, and
// at the switch every tile starts from a keyframe at once.
import { useEffect } from 'react';
import type { TourStep, View } from '../../shared/contract';
import { autoStream } from '../../shared/layouts';
import { useApp } from '../app/app-context';
import type { TourRun } from './use-tour';

const LEAD_MS = 4000;

function streamsOf(step: TourStep, views: View[]): { cameraId: string; stream: 'main' | 'sub' }[] {
  if (step.kind === 'camera') return [{ cameraId: step.cameraId, stream: 'main' }];
  const v = views.find((x) => x.id === step.viewId);
  if (!v) return [];
  return v.tiles.flatMap((t, i) => (t ? [{ cameraId: t.cameraId, stream: t.stream === 'auto' ? autoStream(v.layout, i, false) : t.stream }] : []));
}

export function usePrewarm(run: TourRun | null, views: View[]): void {
  const { api } = useApp();
  useEffect(() => {
    if (!run || run.paused || run.nextAt === null || run.tour.steps.length < 2) return;
    const next = run.tour.steps[(run.step + 1) % run.tour.steps.length]!;
    const sockets: WebSocket[] = [];
    const timer = setTimeout(
      () => {
        for (const s of streamsOf(next, views)) {
          const ws = new WebSocket(api.videoUrl('/video', { camera: s.cameraId, stream: s.stream }));
          ws.binaryType = 'arraybuffer';
          sockets.push(ws);
        }
      },
      Math.max(0, run.nextAt - Date.now() - LEAD_MS),
    );
    // Closed shortly after the switch: by then the tiles hold their own sockets to the same relays.
    return () => {
      clearTimeout(timer);
      setTimeout(() => sockets.forEach((ws) => ws.close()), 3000);
    };
  }, [api, run, views]);
}
