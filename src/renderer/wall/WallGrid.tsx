import { useApp } from '../app/app-context';
import type { Camera } from '../../shared/contract';
import { autoStream } from '../../shared/layouts';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { Tile } from './Tile';
import { useWallPlayback } from '../playback/wall-playback';
import type { WallAction, WallState } from './wall-state';

export function WallGrid({ state, act, cameras, showStats, onToggleStats, snapshotRequest, gridRef }: {
  state: WallState;
  /** Changes the wall (undoable where it matters: see use-wall-history). */
  act(a: WallAction): void;
  cameras: Map<string, Camera>;
  showStats: Set<number>;
  onToggleStats(i: number): void;
  snapshotRequest: number;
  gridRef: React.RefObject<HTMLDivElement | null>;
}) {
  const { api, settings, connection } = useApp();
  const { layout, tiles, maximised } = state;
  const playback = useWallPlayback();
  return (
    <div
      ref={gridRef}
      className="wall__grid"
      tabIndex={-1}
      aria-label={`${layout.name}`}
      style={{ gridTemplateColumns: `repeat(${maximised === null ? layout.cols : 1}, 1fr)`, gridTemplateRows: `repeat(${maximised === null ? layout.rows : 1}, 1fr)` }}
    >
      {layout.cells.map((cell, i) => {
        if (maximised !== null && maximised !== i) return null;
        const a = tiles[i] ?? null;
        const camera = a ? cameras.get(a.cameraId) : undefined;
        // The tile's own choice, else the camera's preferred stream, else by tile size.
        const stream =
          a && a.stream !== 'auto'
            ? a.stream
            : camera && camera.preferredStream !== 'auto'
              ? camera.preferredStream
              : autoStream(layout, i, maximised === i);
        // A tile in playback (instant replay, or the view at a time) shows that instead of live.
        const replay = playback?.tile(i, camera) ?? null;
        const url = camera && !replay ? api.videoUrl('/video', { camera: camera.id, stream }) : null;
        const style =
          maximised === i
            ? { gridColumn: '1', gridRow: '1' }
            : { gridColumn: `${cell.x + 1} / span ${cell.w}`, gridRow: `${cell.y + 1} / span ${cell.h}` };
        // A tile that throws shows its failure in its own cell; the rest of the wall plays on.
        return (
          <ErrorBoundary key={`${i}:${a?.cameraId ?? ''}`} name={`tile ${i + 1}`} variant="tile" tile={i + 1} style={style}>
            <Tile
              index={i}
              assignment={a}
              camera={camera}
              stream={stream}
              url={url}
              replay={replay}
              selected={state.selected === i}
              maximised={maximised === i}
              showStats={showStats.has(i)}
              timeZone={settings.timeZone}
              coreUp={connection === 'connected'}
              snapshotRequest={snapshotRequest}
              style={style}
              onSelect={() => act({ type: 'select', index: i })}
              onDropCamera={(cameraId) => act({ type: 'assign', index: i, cameraId })}
              onSwap={(from) => act({ type: 'swap', a: from, b: i })}
              onClear={() => act({ type: 'clear', index: i })}
              onToggleMaximise={() => act({ type: 'maximise', index: maximised === i ? null : i })}
              onStream={(s) => act({ type: 'stream', index: i, stream: s })}
              onToggleStats={() => onToggleStats(i)}
              onZoom={(zoom) => act({ type: 'zoom', index: i, zoom })}
            />
          </ErrorBoundary>
        );
      })}
    </div>
  );
}
